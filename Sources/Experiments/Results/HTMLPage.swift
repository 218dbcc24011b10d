/// The page every HTML report shares (`RunReportHTML`, `AcrossReportHTML`): one file, its
/// style inline, no script and nothing fetched, so it opens offline.
enum HTMLPage {
    static func document(title: String, body: [String]) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
        h1 { margin-bottom: 0.2rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { border-bottom: 1px solid #e5e5e5; padding: 0.25rem 0.6rem; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        td small { color: #666; }
        figure { margin: 1.5rem 0; } figure svg { width: 100%; height: auto; max-width: 680px; display: block; }
        figcaption { color: #666; font-size: 0.9rem; }
        .meta { color: #444; } pre { background: #f6f6f6; padding: 0.8rem; overflow-x: auto; }
        .ahead { color: #0b6e2e; } .same { color: #555; }
        </style>
        </head>
        <body>
        \(body.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// An SVG file's `<svg>` element, with its ids prefixed so several figures on one page
    /// never share one (gnuplot names its markers and plots the same in every file).
    static func inlinedSVG(_ svg: String, prefix: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        var text = String(svg[start.lowerBound...])
        for (from, to) in [("id='", "id='\(prefix)"), ("id=\"", "id=\"\(prefix)"), ("href='#", "href='#\(prefix)"),
                           ("href=\"#", "href=\"#\(prefix)"), ("url(#", "url(#\(prefix)")] {
            text = text.replacingOccurrences(of: from, with: to)
        }
        return text
    }
}
