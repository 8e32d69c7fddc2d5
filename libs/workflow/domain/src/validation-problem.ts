/**
 * One broken rule in a request, named by the JSON path of the offending value (`steps[1].fields[0].type`).
 * The API returns these as `error.details`.
 */
export interface ValidationProblem {
  field: string;
  issue: string;
}
