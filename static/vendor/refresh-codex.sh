#!/usr/bin/env bash
# Rebuild static/vendor/codex/ from the Codex packages pinned in package.json:
# the design tokens, and the CSS-only components the site uses, left-to-right and right-to-left.
# Run it after changing a Codex version; `make run` and `make test` use the committed result and need no Node.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm install --no-audit --no-fund --silent
src=node_modules/@wikimedia/codex/dist/modules
tokens=node_modules/@wikimedia/codex-design-tokens/dist/theme-wikimedia-ui-root.css
out=static/vendor/codex
components=(Button Card Checkbox Field Label Message Radio Select Table TextArea TextInput)
mkdir -p "$out"
for dir in ltr rtl; do
  suffix=""; [ "$dir" = rtl ] && suffix="-rtl"
  target="$out/codex-$dir.css"
  {
    echo "/* Codex $(node -p 'JSON.parse(require("fs").readFileSync("node_modules/@wikimedia/codex/package.json")).version') (GPL-2.0-or-later, see LICENSE): tokens and components ${components[*]} */"
    cat "$tokens"
    for c in "${components[@]}"; do cat "$src/Cdx$c$suffix.css"; echo; done
  } > "$target"
done
cp node_modules/@wikimedia/codex/LICENSE "$out/LICENSE"
echo "Codex refreshed in $out: $(du -ch "$out"/*.css | tail -1)"
