// Median-run picker for scripts/site_tools/bench/lighthouse.py, which documents it. Not meant to be run by hand.
// Arguments: the path of Lighthouse's core/lib/median-run.js, then the JSON reports of several runs of one
// page. Prints the index of the run Lighthouse's own computeMedianRun picks: the run closest to the median
// first contentful paint and time to interactive (Lighthouse's advice on variable scores).
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const [medianRun, ...reports] = process.argv.slice(2);
const { computeMedianRun } = await import(pathToFileURL(medianRun).href);
const runs = reports.map((path) => JSON.parse(fs.readFileSync(path, "utf8")));
process.stdout.write(String(runs.indexOf(computeMedianRun(runs))));
