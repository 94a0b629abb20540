"""One region's fact sheet: what goes on it (content, no Qt) and how it is drawn (render, export)."""
