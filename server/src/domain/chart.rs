//! Bar charts as SVG, drawn by the server: stacked bars, each series told apart by a pattern
//! as well as a colour (readable in grey and by people who do not tell colours apart), every
//! bar with its total written on it, and a legend. The numbers are always beside the chart as
//! a table too; the chart is for the eye.

/// A series: its name in the legend and one value per category.
pub struct Series<'a> {
    pub name: &'a str,
    pub values: Vec<i64>,
}

/// Colour and pattern per series, in order: solid, diagonal hatch, dots, cross-hatch.
const FILLS: [(&str, &str); 4] = [
    ("#0059b3", ""),
    (
        "#008055",
        "<path d='M0,8 L8,0' stroke='#ffffff' stroke-width='2'/>",
    ),
    ("#a66300", "<circle cx='4' cy='4' r='1.6' fill='#ffffff'/>"),
    (
        "#5c2f91",
        "<path d='M0,0 L8,8 M8,0 L0,8' stroke='#ffffff' stroke-width='1.5'/>",
    ),
];

fn escape(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control())
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            '\'' => "&apos;".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// A stacked bar chart of `series` over `labels` (one bar per label), titled `title`.
pub fn bars(title: &str, labels: &[String], series: &[Series]) -> String {
    const BAR: i64 = 28;
    const LEFT: i64 = 16;
    const TOP: i64 = 40;
    const PLOT: i64 = 220;
    // Labels are written level under their bar: the slot is as wide as the longest needs.
    let longest = labels
        .iter()
        .map(|l| l.chars().count() as i64)
        .max()
        .unwrap_or(0);
    let slot = (longest * 7 + 12).max(BAR + 14);
    let n = labels.len() as i64;
    let width = (LEFT * 2 + n.max(1) * slot).max(360);
    let legend_top = TOP + PLOT + 40;
    let height = legend_top + 24 * series.len().max(1) as i64 + 8;
    let totals: Vec<i64> = (0..labels.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0).max(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    let mut svg = format!(
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}' width='{width}' height='{height}' role='img' font-family='sans-serif' font-size='12'>\
         <title>{}</title><defs>",
        escape(title)
    );
    for (i, (colour, pattern)) in FILLS.iter().enumerate() {
        svg.push_str(&format!(
            "<pattern id='p{i}' width='8' height='8' patternUnits='userSpaceOnUse'><rect width='8' height='8' fill='{colour}'/>{pattern}</pattern>"
        ));
    }
    svg.push_str("</defs>");
    svg.push_str(&format!(
        "<text x='{LEFT}' y='20' font-size='15' font-weight='bold' fill='#1a1a1a'>{}</text>",
        escape(title)
    ));
    let base = TOP + PLOT;
    svg.push_str(&format!(
        "<line x1='{LEFT}' y1='{base}' x2='{}' y2='{base}' stroke='#5c6f82'/>",
        width - LEFT
    ));
    for (i, label) in labels.iter().enumerate() {
        let x = LEFT + (slot - BAR) / 2 + i as i64 * slot;
        let mut y = base;
        for (k, s) in series.iter().enumerate() {
            let v = s.values.get(i).copied().unwrap_or(0).max(0);
            let h = v * PLOT / max;
            if h > 0 {
                y -= h;
                svg.push_str(&format!(
                    "<rect x='{x}' y='{y}' width='{BAR}' height='{h}' fill='url(#p{})' stroke='#ffffff' stroke-width='1'/>",
                    k % FILLS.len()
                ));
            }
        }
        svg.push_str(&format!(
            "<text x='{}' y='{}' text-anchor='middle' fill='#1a1a1a'>{}</text>",
            x + BAR / 2,
            y - 4,
            totals[i]
        ));
        svg.push_str(&format!(
            "<text x='{}' y='{}' text-anchor='middle' fill='#1a1a1a'>{}</text>",
            x + BAR / 2,
            base + 18,
            escape(label)
        ));
    }
    for (k, s) in series.iter().enumerate() {
        let y = legend_top + 24 * k as i64;
        svg.push_str(&format!(
            "<rect x='{LEFT}' y='{y}' width='16' height='16' fill='url(#p{})' stroke='#1a1a1a' stroke-width='0.5'/><text x='{}' y='{}' fill='#1a1a1a'>{}</text>",
            k % FILLS.len(),
            LEFT + 24,
            y + 13,
            escape(s.name)
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bar_says_its_total_and_every_series_has_a_pattern_in_the_legend() {
        let svg = bars(
            "Appuntamenti <per> giorno",
            &["1 dic".into(), "2 dic".into()],
            &[
                Series {
                    name: "Sportello",
                    values: vec![3, 1],
                },
                Series {
                    name: "Telefono",
                    values: vec![2, 0],
                },
            ],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("<title>Appuntamenti &lt;per&gt; giorno</title>"),
            "text is escaped"
        );
        assert!(
            svg.contains(">5</text>") && svg.contains(">1</text>"),
            "totals written"
        );
        assert!(svg.contains("url(#p0)") && svg.contains("url(#p1)"));
        assert!(svg.contains(">Sportello</text>") && svg.contains(">Telefono</text>"));
        let empty = bars("Nulla", &[], &[]);
        assert!(
            empty.contains("<title>Nulla</title>"),
            "an empty period still draws"
        );
    }
}
