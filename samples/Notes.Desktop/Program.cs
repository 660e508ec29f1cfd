// The app itself is not the point of the sample: its migrations/ folder is. A desktop app would run
// `migrations up --connection sqlite:<its database file>` (or the in-process API) before opening it;
// the runner backs the file up first and restores it if a migration fails.
System.Console.WriteLine("Notes.Desktop: schema is managed by the files in migrations/ (SQLite).");
