// MSBuild task: lets TorchSharp's native bridge load on Linux systems whose libstdc++ predates GCC 13.
//
// libLibTorchSharp.so (TorchSharp 0.107.0) declares that it needs the symbol version GLIBCXX_3.4.32 only
// because GCC 13 references std::ios_base_library_init() from every file that includes <iostream>; no
// relocation uses that symbol, so the library works with GCC 12's libstdc++ (Debian 12) once the version
// requirement is marked weak (VER_FLG_WEAK) in the ELF section .gnu.version_r. glibc's loader ignores a
// missing weak version. The patch is applied to build and publish output only, never to the NuGet cache,
// and only where the system libstdc++ lacks the version. See README.md, "Running on Debian 12".
using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class PatchLibTorchSharp : Task
{
    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;
    const string WantedVersion = "GLIBCXX_3.4.32";

    static readonly string[] LibStdCxxCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    };

    /// <summary>Every copy of libLibTorchSharp.so in the output folder.</summary>
    [Required]
    public ITaskItem[] Libraries { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        if (Libraries.Length == 0) return true;
        if (SystemHasWantedVersion())
        {
            Log.LogMessage(MessageImportance.Low, "System libstdc++ provides {0}; libLibTorchSharp.so left as it is.", WantedVersion);
            return true;
        }
        foreach (var item in Libraries)
        {
            var path = item.ItemSpec;
            try
            {
                var patched = MarkVersionWeak(path);
                Log.LogMessage(MessageImportance.Normal, "{0}: {1}", path, patched ? $"marked {WantedVersion} weak" : $"no strong {WantedVersion} requirement");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError("Could not patch {0} for this system's libstdc++: {1}", path, e.Message);
            }
        }
        return !Log.HasLoggedErrors;
    }

    static bool SystemHasWantedVersion()
    {
        var needle = Encoding.ASCII.GetBytes(WantedVersion);
        foreach (var candidate in LibStdCxxCandidates)
        {
            if (File.Exists(candidate) && Contains(File.ReadAllBytes(candidate), needle)) return true;
        }
        return false;
    }

    /// <summary>Sets VER_FLG_WEAK on the GLIBCXX_3.4.32 entry; returns whether the file changed.</summary>
    static bool MarkVersionWeak(string path)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("not a 64-bit little-endian ELF file");

        var sectionTable = (long)U64(elf, 0x28);
        int sectionSize = U16(elf, 0x3A), sectionCount = U16(elf, 0x3C);
        for (var s = 0; s < sectionCount; s++)
        {
            var header = sectionTable + (long)s * sectionSize;
            if (U32(elf, header + 4) != ShtGnuVerneed) continue;
            var offset = (long)U64(elf, header + 24);
            var linkedStrings = sectionTable + (long)U32(elf, header + 40) * sectionSize;
            var strings = (long)U64(elf, linkedStrings + 24);
            var needCount = U32(elf, header + 44);

            var need = offset;
            for (var n = 0; n < needCount; n++)
            {
                var aux = need + U32(elf, need + 8);
                for (var a = 0; a < U16(elf, need + 2); a++)
                {
                    if (ReadString(elf, strings + U32(elf, aux + 8)) == WantedVersion)
                    {
                        var flags = U16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0) return false;
                        elf[aux + 4] = (byte)(flags | VerFlgWeak); // little-endian: the weak bit is in the low byte
                        File.WriteAllBytes(path, elf);
                        return true;
                    }
                    aux += U32(elf, aux + 12);
                }
                need += U32(elf, need + 12);
            }
        }
        return false;
    }

    // The task compiles against netstandard2.0 (no spans), so the search is written out.
    static bool Contains(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    static ushort U16(byte[] b, long at) => BitConverter.ToUInt16(b, (int)at);
    static uint U32(byte[] b, long at) => BitConverter.ToUInt32(b, (int)at);
    static ulong U64(byte[] b, long at) => BitConverter.ToUInt64(b, (int)at);

    static string ReadString(byte[] b, long at)
    {
        var end = Array.IndexOf(b, (byte)0, (int)at);
        return Encoding.ASCII.GetString(b, (int)at, end - (int)at);
    }
}
