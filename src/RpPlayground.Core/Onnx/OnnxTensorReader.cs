using System.Runtime.InteropServices;
using RpPlayground.Core.Onnx.Format;
using static TorchSharp.torch;

namespace RpPlayground.Core.Onnx;

/// <summary>Turns serialized ONNX tensors into LibTorch tensors on the CPU.</summary>
public static class OnnxTensorReader
{
    /// <summary>The tensor's values with its dims; float16 and double become float32, the integer kinds int64, bool stays bool.</summary>
    public static Tensor Read(TensorProto proto)
    {
        if (proto.DataLocation != 0 || proto.ExternalData.Count > 0)
            throw new OnnxImportException($"Tensor '{proto.Name}' keeps its data in an external file; save the model with its weights inside the .onnx file.");
        var dims = proto.Dims.ToArray();
        var raw = proto.RawData.Span;
        var type = (TensorProto.Types.DataType)proto.DataType;
        return type switch
        {
            TensorProto.Types.DataType.Float => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, float>(raw).ToArray() : proto.FloatData.ToArray(), dims),
            TensorProto.Types.DataType.Double => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, double>(raw).ToArray() : proto.DoubleData.ToArray(), dims).to(float32),
            TensorProto.Types.DataType.Float16 => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, Half>(raw).ToArray().Select(h => (float)h).ToArray() : proto.Int32Data.Select(bits => (float)BitConverter.UInt16BitsToHalf((ushort)bits)).ToArray(), dims),
            TensorProto.Types.DataType.Int64 => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, long>(raw).ToArray() : proto.Int64Data.ToArray(), dims),
            TensorProto.Types.DataType.Int32 => tensor(raw.Length > 0 ? MemoryMarshal.Cast<byte, int>(raw).ToArray().Select(v => (long)v).ToArray() : proto.Int32Data.Select(v => (long)v).ToArray(), dims),
            TensorProto.Types.DataType.Int8 => tensor(raw.Length > 0 ? raw.ToArray().Select(v => (long)(sbyte)v).ToArray() : proto.Int32Data.Select(v => (long)v).ToArray(), dims),
            TensorProto.Types.DataType.Uint8 => tensor(raw.Length > 0 ? raw.ToArray().Select(v => (long)v).ToArray() : proto.Int32Data.Select(v => (long)v).ToArray(), dims),
            TensorProto.Types.DataType.Bool => tensor(raw.Length > 0 ? raw.ToArray().Select(v => v != 0).ToArray() : proto.Int32Data.Select(v => v != 0).ToArray(), dims),
            _ => throw new OnnxImportException($"Tensor '{proto.Name}' has element type {type}, which the importer does not read."),
        };
    }

    /// <summary>The values of a small integer tensor (shapes, axes, pads), read on the CPU.</summary>
    public static long[] Longs(Tensor values) => values.cpu().to(int64).data<long>().ToArray();
}
