-- SQLite has no ALTER COLUMN; adding a column with a constant default is fine.
ALTER TABLE notes ADD COLUMN updated_at TEXT;

-- One statement for SQLite, semicolons and all: the splitter keeps trigger bodies whole.
CREATE TRIGGER notes_touch AFTER UPDATE OF title, body ON notes
BEGIN
    UPDATE notes SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
END;
