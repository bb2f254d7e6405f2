// The test command's verdict: its summary line and its exit code, from vitest's JSON
// report and vitest's own exit status. Green only when both say so.

/**
 * @param {undefined | {numPassedTests: number, numFailedTests: number, numFailedTestSuites: number,
 *   numPendingTests: number, numTodoTests: number, numTotalTests: number, success: boolean,
 *   testResults?: {status: string, name: string}[]}} summary the JSON report, undefined when none was written
 * @param {number | null} status vitest's exit status (null when a signal ended it)
 * @param {string | null} [signal] the signal that ended vitest, if any
 * @returns {{line: string, exitCode: number}}
 */
export function verdict(summary, status, signal = null) {
  if (!summary) return { line: 'no test report was written', exitCode: 1 };
  const skipped = summary.numPendingTests + summary.numTodoTests;
  const failedFiles = (summary.testResults ?? []).filter((file) => file.status !== 'passed').length;
  const counts = `${summary.numPassedTests} passed, ${summary.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`;
  const problems = [];
  if (failedFiles > 0) problems.push(`${failedFiles} test file(s) did not pass`);
  if (summary.numFailedTestSuites > 0 && failedFiles === 0)
    problems.push(`${summary.numFailedTestSuites} suite(s) failed`);
  if (summary.numTotalTests === 0) problems.push('no test ran');
  if (!summary.success && problems.length === 0) problems.push('the report says the run failed');
  if (signal) problems.push(`vitest was ended by ${signal}`);
  else if (status !== 0) problems.push(`vitest exited ${status}`);
  const red = summary.numFailedTests > 0 || problems.length > 0;
  return { line: problems.length ? `${counts} (${problems.join('; ')})` : counts, exitCode: red ? 1 : 0 };
}
