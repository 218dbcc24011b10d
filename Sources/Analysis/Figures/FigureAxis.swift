/// Where the legend goes. `.auto` picks the plot corner holding the least data and falls
/// back to a row below the plot when every corner is crowded.
public enum LegendPosition: String, Sendable, CaseIterable, Codable {
    case auto
    case topRight = "top-right"
    case topLeft = "top-left"
    case bottomRight = "bottom-right"
    case bottomLeft = "bottom-left"
    /// Outside the plot, to the right (shrinks the plot).
    case outsideRight = "outside-right"
    /// Outside the plot, one row below it.
    case below
    case hidden
}

/// One axis of a figure.
///
/// ```swift
/// let y = FigureAxis(label: "HV regret (1 − normalised HV)", logScale: true)
/// ```
public struct FigureAxis: Sendable, Equatable {
    public var label: String
    public var logScale: Bool
    /// A fixed range; `nil` lets gnuplot choose.
    public var range: ClosedRange<Double>?
    /// A fixed lower end under gnuplot's choice of the upper one, for a quantity that cannot
    /// go below it (an error in %): autoscale's margin would otherwise open the axis at -10.
    /// Ignored when `range` is set.
    public var minimum: Double?

    public init(label: String = "", logScale: Bool = false, range: ClosedRange<Double>? = nil, minimum: Double? = nil) {
        self.label = label
        self.logScale = logScale
        self.range = range
        self.minimum = minimum
    }
}
