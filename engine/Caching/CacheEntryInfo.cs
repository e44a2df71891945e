namespace Stencil.Engine.Caching;

/// <summary>What a cache keeps beside an entry for people inspecting it; never part of the key.</summary>
public readonly record struct CacheEntryInfo(string FunctionName, string Triple);
