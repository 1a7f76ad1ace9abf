using System.Globalization;

namespace Conformance.Harness.Cli;

/// <summary>A command's options: <c>--name value</c>, <c>--flag</c>, and positional words. An unknown option
/// is an error that names it, never ignored.</summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, List<string>> _options = [];
    private readonly HashSet<string> _flags = [];

    public CliArgs(string command, IEnumerable<string> args, IReadOnlySet<string> flags, IReadOnlySet<string> options)
    {
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                Positional.Add(arg);
            }
            else if (flags.Contains(arg))
            {
                _flags.Add(arg);
            }
            else if (!options.Contains(arg))
            {
                throw new CliException($"'{command}' has no option {arg}; see `conformance {command} --help`");
            }
            else if (e.MoveNext() && !e.Current.StartsWith("--", StringComparison.Ordinal))
            {
                (_options.TryGetValue(arg, out var list) ? list : _options[arg] = []).Add(e.Current);
            }
            else
            {
                throw new CliException($"option {arg} needs a value");
            }
        }
    }

    public List<string> Positional { get; } = [];

    public bool Flag(string name)
    {
        return _flags.Contains(name);
    }

    public string? Option(string name)
    {
        return _options.TryGetValue(name, out var values) ? values[^1] : null;
    }

    public IReadOnlyList<string> Options(string name)
    {
        return _options.TryGetValue(name, out var values) ? values : [];
    }

    public int IntOption(string name, int fallback)
    {
        var text = Option(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new CliException($"{name} wants a positive whole number, not '{text}'");
    }
}

/// <summary>Bad input on the command line: printed as one line, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
