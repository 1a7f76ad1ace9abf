using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Conformance.Harness.Tests.Ci;

/// <summary>Where a job runs: the action's checkout, the caller's workspace, the runner's temporary folder, where
/// uploaded artifacts land, the job summary, the user the steps run as (null: this process's), the inputs given,
/// and the environment a hosted runner would have.</summary>
internal sealed record RunnerJob(string ActionPath, string Workspace, string Temp, string Artifacts, string Summary, string? User,
    IReadOnlyDictionary<string, string> Inputs, IReadOnlyDictionary<string, string> Environment, string RunId = "4242");

/// <summary>One step as it ran: its outcome (success, failure, skipped), its conclusion (success where
/// continue-on-error kept a failure from failing the job), and what it printed.</summary>
internal sealed record StepRun(string Name, string Outcome, string Conclusion, string Output);

/// <summary>A job as it ended: whether it succeeded, each step, and what the steps wrote to the job summary.</summary>
internal sealed record JobRun(bool Succeeded, IReadOnlyList<StepRun> Steps, string Summary)
{
    public StepRun Step(string name) => Steps.Single(s => s.Name == name);

    public override string ToString() => string.Join("\n", Steps.Select(s => $"[{s.Name}] {s.Outcome}/{s.Conclusion}\n{s.Output}")) + $"\n[summary]\n{Summary}";
}

/// <summary>A composite action's steps, run as GitHub's runner runs them: <c>${{ }}</c> expressions over inputs
/// (with the action's defaults), github, runner and steps contexts; <c>if:</c> with always(), success() and
/// failure(), <c>==</c>, <c>!=</c>, <c>&amp;&amp;</c>, <c>||</c>; <c>shell: bash</c> as
/// <c>bash --noprofile --norc -eo pipefail</c> in the step's working directory with the step's env;
/// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files; continue-on-error. setup-dotnet stands in as the machine's own SDK,
/// upload-artifact as a copy into <see cref="RunnerJob.Artifacts"/>. Enough of the runner to try the action here,
/// not a general one: an expression or step kind it does not know fails the test that meets it.</summary>
internal sealed partial class CompositeRunner(string actionFile)
{
    private readonly YamlMappingNode _action = Load(actionFile);

    public JobRun Run(RunnerJob job)
    {
        var steps = new Dictionary<string, (Dictionary<string, string> Outputs, string Outcome, string Conclusion)>();
        var runs = new List<StepRun>();
        File.WriteAllText(job.Summary, "");
        if (job.User is not null)
        {
            Chown(job.User, job.Summary);
        }

        var index = 0;
        foreach (var step in ((YamlSequenceNode)((YamlMappingNode)_action["runs"])["steps"]).Children.Cast<YamlMappingNode>())
        {
            index++;
            var name = Field(step, "name") is { Length: > 0 } named ? named : Field(step, "uses") is { Length: > 0 } uses ? uses : $"step {index}";
            var context = new Context(this, job, steps, runs);
            var condition = Field(step, "if") is { Length: > 0 } written ? written : "success()";
            var run = Truthy(context.Evaluate(Strip(condition)))
                ? Execute(step, name, job, context, index)
                : new StepRun(name, "skipped", "skipped", "");
            runs.Add(run);
            if (Field(step, "id") is { Length: > 0 } id)
            {
                steps[id] = (Outputs(job, index), run.Outcome, run.Conclusion);
            }
        }

        return new JobRun(runs.All(r => r.Conclusion is "success" or "skipped"), runs, File.ReadAllText(job.Summary));
    }

    private StepRun Execute(YamlMappingNode step, string name, RunnerJob job, Context context, int index)
    {
        var (ok, output) = Field(step, "uses") is { Length: > 0 } uses ? Use(uses, With(step, context), job) : Shell(step, job, context, index);
        var outcome = ok ? "success" : "failure";
        var tolerated = context.Interpolate(Field(step, "continue-on-error")) == "true";
        return new StepRun(name, outcome, ok || tolerated ? "success" : "failure", output);
    }

    /// <summary>The actions the composite uses, as stand-ins: the SDK is this machine's; an upload is a copy.</summary>
    private static (bool Ok, string Output) Use(string uses, Dictionary<string, string> with, RunnerJob job)
    {
        if (uses.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal))
        {
            return (true, "setup-dotnet: the machine's SDK");
        }

        if (uses.StartsWith("actions/upload-artifact@", StringComparison.Ordinal))
        {
            var from = with["path"];
            var files = Directory.Exists(from) ? Directory.GetFiles(from, "*", SearchOption.AllDirectories) : File.Exists(from) ? [from] : [];
            if (files.Length == 0)
            {
                var mode = with.GetValueOrDefault("if-no-files-found", "warn");
                return (mode != "error", $"upload-artifact: no files at {from} (if-no-files-found: {mode})");
            }

            var to = Path.Combine(job.Artifacts, with["name"]);
            Directory.CreateDirectory(to);
            foreach (var file in files)
            {
                var relative = Directory.Exists(from) ? Path.GetRelativePath(from, file) : Path.GetFileName(file);
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
                File.Copy(file, Path.Combine(to, relative), overwrite: true);
            }

            return (true, $"upload-artifact: {files.Length} file(s) as {with["name"]}");
        }

        throw new InvalidOperationException($"the stand-in runner does not know the action {uses}");
    }

    private static (bool Ok, string Output) Shell(YamlMappingNode step, RunnerJob job, Context context, int index)
    {
        if (Field(step, "shell") != "bash")
        {
            throw new InvalidOperationException($"step {index}: a composite action's run step names its shell; the stand-in runs bash only");
        }

        var folder = Path.Combine(job.Temp, "_runner");
        Directory.CreateDirectory(folder);
        var script = Path.Combine(folder, $"step-{index}.sh");
        File.WriteAllText(script, context.Interpolate(Field(step, "run")));
        var output = Path.Combine(folder, $"output-{index}");
        File.WriteAllText(output, "");
        var environment = new Dictionary<string, string>(job.Environment)
        {
            ["GITHUB_OUTPUT"] = output,
            ["GITHUB_STEP_SUMMARY"] = job.Summary,
            ["GITHUB_ACTION_PATH"] = job.ActionPath,
            ["GITHUB_WORKSPACE"] = job.Workspace,
            ["RUNNER_TEMP"] = job.Temp,
        };
        if (step.Children.TryGetValue(new YamlScalarNode("env"), out var env))
        {
            foreach (var (key, value) in ((YamlMappingNode)env).Children)
            {
                environment[key.ToString()] = context.Interpolate(value.ToString());
            }
        }

        if (job.User is not null)
        {
            Chown(job.User, folder);
        }

        var directory = Field(step, "working-directory") is { Length: > 0 } wd ? context.Interpolate(wd) : job.Workspace;
        // As a hosted runner: the step's user, an environment of its own (nothing of this process's leaks in).
        string[] bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", script];
        string[] command = job.User is { } user
            ? ["runuser", "-u", user, "--", "env", "-i", .. environment.Select(e => $"{e.Key}={e.Value}"), .. bash]
            : ["env", "-i", .. environment.Select(e => $"{e.Key}={e.Value}"), .. bash];
        var result = ExternalProgram.Run(command[0], command[1..], TimeSpan.FromMinutes(15), workingDirectory: directory);
        return (result.Exit == 0, result.Output);
    }

    /// <summary>Gives <paramref name="user"/> a folder this process made, as a runner's user owns its temp folder.</summary>
    public static void Chown(string user, string path)
    {
        var result = ExternalProgram.Run("chown", ["-R", $"{user}:{user}", path], TimeSpan.FromMinutes(2));
        if (result.Exit != 0)
        {
            throw new InvalidOperationException($"chown {path}: {result.Output}");
        }
    }

    private static Dictionary<string, string> Outputs(RunnerJob job, int index)
    {
        var path = Path.Combine(job.Temp, "_runner", $"output-{index}");
        return File.Exists(path)
            ? File.ReadAllLines(path).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1])
            : [];
    }

    private static Dictionary<string, string> With(YamlMappingNode step, Context context) =>
        step.Children.TryGetValue(new YamlScalarNode("with"), out var with)
            ? ((YamlMappingNode)with).Children.ToDictionary(c => c.Key.ToString(), c => context.Interpolate(c.Value.ToString()))
            : [];

    private string Default(string input) =>
        ((YamlMappingNode)_action["inputs"]).Children.TryGetValue(new YamlScalarNode(input), out var node)
        && ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode("default"), out var value) ? value.ToString() : "";

    private static YamlMappingNode Load(string path)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static string Field(YamlMappingNode step, string key) =>
        step.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value ?? "" : "";

    private static string Strip(string condition) =>
        condition.Trim() is var c && c.StartsWith("${{", StringComparison.Ordinal) && c.EndsWith("}}", StringComparison.Ordinal) ? c[3..^2] : c;

    private static bool Truthy(object value) => value is bool b ? b : value is string s && s.Length > 0;

    [GeneratedRegex(@"\$\{\{\s*(.*?)\s*\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\s*(\|\||&&|==|!=|!|\(|\)|'(?:[^']|'')*'|[A-Za-z_][A-Za-z0-9_.\-]*)")]
    private static partial Regex Token();

    /// <summary>The contexts an expression reads, and a small evaluator over them.</summary>
    private sealed class Context(CompositeRunner runner, RunnerJob job,
        Dictionary<string, (Dictionary<string, string> Outputs, string Outcome, string Conclusion)> steps, List<StepRun> before)
    {
        public string Interpolate(string text) => Expression().Replace(text, m => Evaluate(m.Groups[1].Value) switch
        {
            bool b => b ? "true" : "false",
            var v => (string)v,
        });

        public object Evaluate(string expression)
        {
            var tokens = new Queue<string>();
            var at = 0;
            while (at < expression.Length && !string.IsNullOrWhiteSpace(expression[at..]))
            {
                var match = Token().Match(expression, at);
                if (!match.Success || match.Index != at)
                {
                    throw new InvalidOperationException($"the stand-in runner cannot read the expression '{expression}' at {at}");
                }

                tokens.Enqueue(match.Groups[1].Value);
                at += match.Length;
            }

            var value = Or(tokens);
            return tokens.Count == 0 ? value : throw new InvalidOperationException($"the stand-in runner cannot read the expression '{expression}'");
        }

        private object Or(Queue<string> tokens)
        {
            var left = And(tokens);
            while (tokens.TryPeek(out var t) && t == "||")
            {
                tokens.Dequeue();
                var right = And(tokens);
                left = Truthy(left) ? left : right;
            }

            return left;
        }

        private object And(Queue<string> tokens)
        {
            var left = Compare(tokens);
            while (tokens.TryPeek(out var t) && t == "&&")
            {
                tokens.Dequeue();
                var right = Compare(tokens);
                left = Truthy(left) ? right : left;
            }

            return left;
        }

        private object Compare(Queue<string> tokens)
        {
            var left = Term(tokens);
            if (tokens.TryPeek(out var t) && t is "==" or "!=")
            {
                tokens.Dequeue();
                var right = Term(tokens);
                var equal = string.Equals(Text(left), Text(right), StringComparison.OrdinalIgnoreCase); // as GitHub compares strings
                return t == "==" ? equal : !equal;
            }

            return left;
        }

        private object Term(Queue<string> tokens)
        {
            var token = tokens.Dequeue();
            switch (token)
            {
                case "(":
                    var inner = Or(tokens);
                    tokens.Dequeue();
                    return inner;
                case "!":
                    return !Truthy(Term(tokens));
                case "always" or "success" or "failure" or "cancelled":
                    tokens.Dequeue();
                    tokens.Dequeue(); // ( )
                    return token switch
                    {
                        "always" => true,
                        "success" => before.All(r => r.Conclusion is "success" or "skipped"),
                        "failure" => before.Any(r => r.Conclusion == "failure"),
                        _ => false,
                    };
                case ['\'', .., '\'']:
                    return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
                case "true" or "false":
                    return token == "true";
                default:
                    return Lookup(token);
            }
        }

        private string Lookup(string path)
        {
            var parts = path.Split('.');
            return parts switch
            {
                ["inputs", var name] => job.Inputs.TryGetValue(name, out var given) ? given : runner.Default(name),
                ["github", "action_path"] => job.ActionPath,
                ["github", "workspace"] => job.Workspace,
                ["github", "run_id"] => job.RunId,
                ["runner", "temp"] => job.Temp,
                ["runner", "os"] => "Linux",
                ["steps", var id, "outputs", var name] => steps.TryGetValue(id, out var s) ? s.Outputs.GetValueOrDefault(name, "") : "",
                ["steps", var id, "outcome"] => steps.TryGetValue(id, out var s) ? s.Outcome : "",
                ["steps", var id, "conclusion"] => steps.TryGetValue(id, out var s) ? s.Conclusion : "",
                _ => throw new InvalidOperationException($"the stand-in runner has no context '{path}'"),
            };
        }

        private static string Text(object value) => value is bool b ? (b ? "true" : "false") : (string)value;
    }
}
