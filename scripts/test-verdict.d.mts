/** Types of test-verdict.mjs, for the test that drives it. */
export interface VitestSummary {
  numPassedTests: number;
  numFailedTests: number;
  numFailedTestSuites: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  success: boolean;
  testResults?: readonly { status: string; name: string }[];
}

export function verdict(
  summary: VitestSummary | undefined,
  status: number | null,
  signal?: string | null,
): { line: string; exitCode: number };
