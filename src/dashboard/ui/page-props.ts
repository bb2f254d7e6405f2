/** What every page gets from the shell. */
export interface PageProps {
  /** Call after choosing another profile: every page reloads under its key. */
  onProfileChange: () => void;
}
