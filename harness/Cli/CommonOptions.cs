using System.CommandLine;

namespace Conformance.Harness.Cli;

/// <summary>Options several verbs share, defined once so their names, help and checks agree everywhere.</summary>
public static class CommonOptions
{
    public static Option<string?> Out(string what) => new("--out") { Description = what, HelpName = "DIR" };

    public static Option<string?> Lane(string what) => new("--lane") { Description = what, HelpName = "NAME" };

    public static Option<string[]> In(string what) =>
        new("--in") { Description = what, HelpName = "DIR|FILE", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    public static Option<string?> Baselines(string what) => new("--baselines") { Description = what, HelpName = "DIR" };

    public static Option<string?> Summary(string what) => new("--summary") { Description = what, HelpName = "FILE" };

    /// <summary>The stricter gate: a lane whose platform changed fails even when every cell is as approved.</summary>
    public static Option<bool> FailOnUpgrade() => new("--fail-on-upgrade")
    {
        Description = "an upgraded platform (OS version, kernel, distro, libc, runtime, sandbox) fails even when every cell is as approved",
    };

    public static Option<string?> Config() =>
        new("--config") { Description = "the columns' configuration (default ci/distros.json)", HelpName = "FILE" };

    public static Option<string[]> Only(string what) =>
        new("--only") { Description = what, HelpName = "NAME", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = false };

    /// <summary>The options of a sweep of columns (distros, kernels): which configuration, which entries, where the
    /// results go, and how long one column may take.</summary>
    public sealed record SweepOptions(Option<string?> Config, Option<string[]> Only, Option<string?> Out, Option<int> LimitMinutes, Option<string?> Baselines, Option<bool> FailOnUpgrade)
    {
        public Option[] All => [Config, Only, Out, LimitMinutes, Baselines, FailOnUpgrade];

        public string BaselinesDir(ParseResult parse) => parse.GetValue(Baselines) ?? DefaultBaselines;

        /// <summary>The configured entries named by --only (all when none is).</summary>
        public List<T> Chosen<T>(ParseResult parse, IReadOnlyList<T> entries, Func<T, string> name, string what) =>
            Distros.DistroConfig.Choose(entries, parse.GetValue(Only) ?? [], name, what);

        public string OutDir(ParseResult parse) => Path.GetFullPath(parse.GetValue(Out) ?? Runs.Repository.Artifacts("results"));

        public TimeSpan Limit(ParseResult parse) => TimeSpan.FromMinutes(parse.GetValue(LimitMinutes));

        public string ConfigPath(ParseResult parse) => parse.GetValue(Config) ?? Distros.DistroConfig.DefaultPath;
    }

    public static SweepOptions Sweep(string entry, string limitWhat, int limitMinutes = 5) => new(
        Config(),
        Only($"run only this {entry} entry (repeatable)"),
        Out("where the results files go (default artifacts/results)"),
        LimitMinutes(limitMinutes, limitWhat),
        AcceptAgainst(),
        FailOnUpgrade());

    /// <summary>Where a column verb finds the approved baselines it accepts its columns against.</summary>
    public static Option<string?> AcceptAgainst() =>
        Baselines("the approved baselines each column is accepted against (default ci/baselines)");

    public static string DefaultBaselines => Path.Combine(Runs.Repository.Root(), "ci", "baselines");

    /// <summary>A bound in minutes: a positive whole number, <paramref name="fallback"/> when not given.</summary>
    public static Option<int> LimitMinutes(int fallback, string what) => Positive(new Option<int>("--limit-minutes")
    {
        Description = what,
        HelpName = "N",
        DefaultValueFactory = _ => fallback,
    });

    /// <summary>Rejects zero and negative values with a message that names the option.</summary>
    public static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError($"{option.Name} wants a positive whole number, not '{string.Join(' ', result.Tokens.Select(t => t.Value))}'");
            }
        });
        return option;
    }
}
