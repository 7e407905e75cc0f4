// date-holidays ships no types for its raw data entry point
declare module 'date-holidays/data' {
  export const data: unknown;
}
