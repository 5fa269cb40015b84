namespace RpPlayground.Core.Onnx;

/// <summary>An ONNX file that cannot be imported; the message names the file, and the node and operator where one is at fault.</summary>
public sealed class OnnxImportException(string message, Exception? inner = null) : UserFacingException(message, FailureKind.BadInput, inner);
