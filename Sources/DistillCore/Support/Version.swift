/// The version of DistillScope: written into every report, so a result names the code that made it.
public enum DistillScopeVersion {
    public static let current = "0.1.0"
}

/// The version of DistillScope's JSON schemas (reports, store listings); bumped on any incompatible
/// change. Every JSON document the tool writes carries it as `schemaVersion`.
public enum ReportSchemaVersion {
    public static let current = 1
}
