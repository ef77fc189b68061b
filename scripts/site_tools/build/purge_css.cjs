// PurgeCSS runner for scripts/site_tools/build/purge_unused_css.py, which documents it. Not meant to be run by hand.
// Reads one JSON request on stdin: {module, tokens, jobs: [{css, options}, ...]}, where the options'
// safelist patterns are regular-expression source strings. Writes the purged texts, a JSON list in the
// order of the jobs, on stdout. Each stylesheet gets its own PurgeCSS instance, so results never depend
// on which other stylesheets share the run (the cache in build/purge_unused_css.py relies on that).
"use strict";

const fs = require("node:fs");

async function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"));
  const { PurgeCSS } = require(request.module);
  // The content is the set of tokens Python took from the built HTML and scripts with PurgeCSS's own
  // default extractor: exactly the input the cache is keyed by.
  const content = [{ raw: request.tokens.join("\n"), extension: "txt" }];
  const purged = [];
  for (const { css, options } of request.jobs) {
    const safelist = {};
    for (const [kind, patterns] of Object.entries(options.safelist || {})) {
      safelist[kind] = patterns.map((source) => new RegExp(source));
    }
    const [result] = await new PurgeCSS().purge({ ...options, safelist, content, css: [{ raw: css }] });
    purged.push(result.css);
  }
  process.stdout.write(JSON.stringify(purged));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
