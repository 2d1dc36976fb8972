/// Stylometric distance from the suspect to each reference (smaller is closer).
public struct StyleSection: Sendable, Codable, Equatable {
    /// The distance to one reference, with the spread that independent models show.
    public struct Distance: Sendable, Codable, Equatable {
        public var reference: String
        public var distance: Double
        /// Mean and upper 95% point of the distance between independent models (the null), when known.
        public var nullMean: Double?
        public var nullUpper: Double?
        /// One-sided p-value of a distance this small under the null.
        public var pValue: Double?

        public init(
            reference: String, distance: Double, nullMean: Double? = nil, nullUpper: Double? = nil,
            pValue: Double? = nil
        ) {
            self.reference = reference
            self.distance = distance
            self.nullMean = nullMean
            self.nullUpper = nullUpper
            self.pValue = pValue
        }
    }

    /// The distance measure, for example `burrows-delta` or `cosine-delta`.
    public var metric: String
    /// The features it uses, for example `function-words-150`.
    public var features: String
    public var distances: [Distance]

    public init(metric: String, features: String, distances: [Distance]) {
        self.metric = metric
        self.features = features
        self.distances = distances
    }
}
