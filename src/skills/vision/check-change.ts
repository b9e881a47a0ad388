import { GithubEventPayload } from "../../schemas/github";
import { defineSkill } from "../skill";
import { fromEvent } from "./change";
import { runChecks } from "./checks";
import { publications } from "./publish";
import { renderReport } from "./render";
import { VisionReport } from "./report";

/**
 * Checks a GitHub change (a pull request, a push) against the repository's vision rules: the
 * lines it adds, its commit messages and pull request text, the files it removes, renames and
 * adds. Reads only what the event carries (`change` when the enricher could read the diff) and
 * says what it could not check. Publishes a pull request's one review; for a push, a document
 * summing up and, on the default branch only, an issue per violation (see `publications`).
 */
export const checkChange = defineSkill({
  name: "vision.check-change",
  title: "Vision check of a pull request or push: forbidden patterns and terms, required files, naming, brand words, file sizes",
  input: GithubEventPayload,
  output: VisionReport,
  run: (payload) => {
    const { scope, input } = fromEvent(payload);
    return { scope, ...runChecks(input) };
  },
  render: renderReport,
  publish: publications,
});
