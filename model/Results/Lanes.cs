using System.Text.RegularExpressions;

namespace Conformance.Model;

/// <summary>Lanes: the stable names of CI slots. A baseline belongs to a lane, not to the versioned platform id
/// of whatever ran in it, so an upgrade of the slot (a new runner image, kernel or distro release) is compared
/// with what the slot did before instead of passing as a new platform.</summary>
public static partial class Lanes
{
    /// <summary>The lane of a plain run on a developer's machine.</summary>
    public const string Default = "host";

    /// <summary>The lane a runner declared (<see cref="RunContract.Lane"/>), or the default.</summary>
    public static string Current => RunContract.Value(RunContract.Lane) ?? Default;

    /// <summary>Lane names are file names of baselines: lower-case letters, digits, dots, dashes, underscores.</summary>
    public static bool IsValid(string lane) => Name().IsMatch(lane);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex Name();
}
