namespace RpPlayground.Web.Storage;

/// <summary>An uploaded image as the API reports it.</summary>
public sealed record StoredImage(string Id, int Width, int Height);
