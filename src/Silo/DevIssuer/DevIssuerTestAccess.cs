using System.Runtime.CompilerServices;

// The edge's token-validation tests host this issuer; Silo.csproj lists only Silo and integration test
// assemblies. Move this to an <InternalsVisibleTo> item in Silo.csproj when that file is next edited.
[assembly: InternalsVisibleTo("Warden.Edge.Tests")]
