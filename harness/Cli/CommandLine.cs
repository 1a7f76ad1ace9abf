using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Text.RegularExpressions;
using Conformance.Harness.Commands;

namespace Conformance.Harness.Cli;

/// <summary>The command line: every verb from its own command class, help and errors generated from the same
/// definitions. Bad input (a parse error, or a <see cref="BadInputException"/> from below) is one line on
/// standard error and exit code 2; the verbs return 0 or 1 themselves.</summary>
public static partial class CommandLine
{
    public const string Description = """
        conformance: the Unix Socket FAQ as executable claims, and the compatibility matrix they make.

        Exit codes: 0 success; 1 a claim failed, or the gate or diff found a change; 2 bad input.
        Shell completion: the [suggest] directive, with the dotnet-suggest tool installed.
        """;

    public static RootCommand Build()
    {
        var root = new RootCommand(Description) { MatrixCommand.Create(), RunCommand.Create() };
        foreach (var kind in Columns.ColumnKindRegistry.All)
        {
            root.Subcommands.Add(Columns.ColumnVerb.Create(kind)); // every column kind's verb, in the registry's order
        }

        foreach (var verb in new[] { GateCommand.Create(), ApproveCommand.Create(), DiffCommand.Create(), JudgeCommand.Create(), ReadmeCommand.Create() })
        {
            root.Subcommands.Add(verb);
        }

        var help = root.Options.OfType<HelpOption>().Single();
        var detailed = new DetailedHelp((HelpAction)help.Action!);
        help.Action = detailed;
        root.SetAction(detailed.Invoke); // with no verb, the help: what a newcomer types first
        return root;
    }

    /// <summary>One synopsis line per verb, from the definitions: what docs/running.md's command-line section shows (a
    /// test keeps the two the same).</summary>
    public static IEnumerable<string> Synopsis() => Build().Subcommands.Select(verb =>
    {
        var words = new List<string> { "conformance", verb.Name };
        words.AddRange(verb.Arguments.Select(a => a.Name));
        foreach (var option in verb.Options.Where(o => o is not HelpOption))
        {
            var value = option.HelpName is { } name ? $" {name}" : "";
            var many = option.Arity.MaximumNumberOfValues > 1 ? " ..." : "";
            words.Add(option.Required ? $"{option.Name}{value}{many}" : $"[{option.Name}{value}{many}]");
        }

        return string.Join(' ', words);
    });

    /// <summary>A verb's long help: the listing of all verbs shows each one's first line (its Description), the
    /// verb's own help adds this after its options.</summary>
    public static Command Explained(this Command command, string details)
    {
        Details[command] = details;
        return command;
    }

    private static readonly Dictionary<Command, string> Details = [];

    private sealed class DetailedHelp(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parse)
        {
            var exit = standard.Invoke(parse);
            if (Details.TryGetValue(parse.CommandResult.Command, out var details))
            {
                parse.InvocationConfiguration.Output.WriteLine(details);
                parse.InvocationConfiguration.Output.WriteLine();
            }

            return exit;
        }
    }

    public static int Invoke(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        // --help answers even when the verb's required options are missing: that is when a person asks for it.
        if (parse.Errors.Count > 0 && parse.Action is not DetailedHelp)
        {
            Console.Error.WriteLine($"conformance: {Problem(parse, root)}");
            return 2;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (BadInputException e)
        {
            Console.Error.WriteLine($"conformance: {e.Message}");
            return 2;
        }
    }

    /// <summary>The first parse error in one line, with where to read more.</summary>
    private static string Problem(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        if (command == root && parse.UnmatchedTokens.FirstOrDefault() is { } unknown)
        {
            return $"unknown command '{unknown}'; the commands are {string.Join(", ", root.Subcommands.Select(c => c.Name))} (see `conformance --help`)";
        }

        var help = command == root ? "conformance --help" : $"conformance {command.Name} --help";
        return $"{OneLine().Replace(parse.Errors[0].Message, " ").TrimEnd('.')}; see `{help}`";
    }

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex OneLine();
}
