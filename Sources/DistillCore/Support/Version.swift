/// The version of DistillScope: written into every report, so a result names the code that made it.
public enum DistillScopeVersion {
    public static let current = "0.1.0"
}
