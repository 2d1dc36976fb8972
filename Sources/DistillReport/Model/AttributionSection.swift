/// Which reference the suspect most resembles, with bootstrap support for each candidate.
public struct AttributionSection: Sendable, Codable, Equatable {
    /// One candidate's share of bootstrap replicates, with a percentile interval.
    public struct Share: Sendable, Codable, Equatable {
        public var reference: String
        public var share: Double
        public var lower: Double
        public var upper: Double

        public init(reference: String, share: Double, lower: Double, upper: Double) {
            self.reference = reference
            self.share = share
            self.lower = lower
            self.upper = upper
        }
    }

    /// Bootstrap replicates (resampled suspect documents).
    public var replicates: Int
    public var method: String
    public var shares: [Share]
    /// Share of replicates in which no candidate beat the null ("no parent found").
    public var noneOfThese: Double

    public init(replicates: Int, method: String, shares: [Share], noneOfThese: Double) {
        self.replicates = replicates
        self.method = method
        self.shares = shares
        self.noneOfThese = noneOfThese
    }
}
