namespace Conformance.Model;

/// <summary>A layer a claim is observed through: the OS's own calls, or an API on top of them. Layers are values, as
/// families are: a claim's one body runs once per layer, a results file holds every layer's cells, and the matrix
/// shows each layer as a column of its own.</summary>
/// <param name="Name">The catalogue's name for it, and (except for the raw layer) the suffix of its result keys
/// (<c>id@dotnet</c>) and matrix columns.</param>
/// <param name="Api">The API its calls go through: what a claim names when that API cannot express it (one reason
/// covers every layer of the API).</param>
/// <param name="Label">What the matrix adds to a column's label for it ("" for the raw layer).</param>
/// <param name="Title">How a reader names it: "the OS's calls", "System.Net.Sockets".</param>
public sealed record Layer(string Name, string Api, string Label, string Title)
{
    /// <summary>What a test's description adds for it ("" for the raw layer).</summary>
    public string Through => this == Layers.Raw ? "" : $" (through {Title})";

    /// <summary>The layer in result keys, tests' properties and results files: null for the raw layer, whose cells
    /// carry no layer (so its keys are the rows' own), the name otherwise.</summary>
    public string? Key => this == Layers.Raw ? null : Name;
}

/// <summary>Every layer the suite knows, in the order the matrix shows them. A new layer is one line here and its
/// socket implementation (tests/Fixtures/Layers); the catalogue says which claims it runs.</summary>
public static class Layers
{
    public static Layer Raw { get; } = new("raw", "the OS's socket calls", "", "the OS's calls");

    public static Layer Dotnet { get; } = new("dotnet", "System.Net.Sockets", " .NET", "System.Net.Sockets");

    /// <summary>System.Net.Sockets' Task-based methods (ConnectAsync, AcceptAsync, SendAsync, ReceiveAsync, ...): on Unix
    /// they run on the runtime's event loop over a non-blocking socket, on Windows on an I/O completion port.</summary>
    public static Layer DotnetAsync { get; } = new("dotnet-async", "System.Net.Sockets", " .NET async", "System.Net.Sockets' Task-based methods");

    public static IReadOnlyList<Layer> All { get; } = [Raw, Dotnet, DotnetAsync];

    /// <summary>A layer's place in <see cref="All"/>, which is the order of the matrix's columns.</summary>
    public static int IndexOf(Layer layer) => All.ToList().IndexOf(layer);

    /// <summary>The layer of a key (null is the raw layer).</summary>
    public static Layer Of(string? key) => key is null ? Raw
        : All.FirstOrDefault(l => l.Name == key) ?? throw new KeyNotFoundException($"'{key}' is not a layer; the layers are {string.Join(", ", All.Select(l => l.Name))}");

    /// <summary>Whether an expectation written for <paramref name="entryLayer"/> (a layer's name, or the API it goes
    /// through) speaks of a cell at <paramref name="layer"/>.</summary>
    public static bool Covers(string entryLayer, string? layer) =>
        layer is not null && (entryLayer == layer || entryLayer == Of(layer).Api);
}
