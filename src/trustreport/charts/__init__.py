"""Charts: one theme, the chart kinds the chapters draw, and the bundle a chart leaves its notebook in."""
