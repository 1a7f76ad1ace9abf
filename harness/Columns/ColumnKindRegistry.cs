using Conformance.Harness.Distros;
using Conformance.Harness.Kernels;
using Conformance.Harness.Runtimes;
using Conformance.Harness.Wine;

namespace Conformance.Harness.Columns;

/// <summary>Every kind of column the harness can run, in the order `conformance matrix` runs them: a new kind is its
/// class and one line here.</summary>
public static class ColumnKindRegistry
{
    public static readonly IReadOnlyList<IColumnKind> All = [new DistroKind(), new KernelKind(), new WineKind(), new RuntimeKind()];
}
