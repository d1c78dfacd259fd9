// A search box with a list of suggestions, after the WAI-ARIA combobox pattern: type (from the
// first character; the search waits ~150 ms after the last key), then arrows to move, Enter
// to choose, Escape to close. Choosing calls onChoose and empties the box.
import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { isHandledByApp } from "../../api/client";
import "./Combobox.css";

interface ComboboxProps<T extends { id: string }> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  search: (query: string, signal: AbortSignal) => Promise<T[]>;
  /** What an option shows. */
  renderOption: (item: T) => ReactNode;
  /** Ids not to offer (already chosen). */
  exclude?: string[];
  onChoose: (item: T) => void;
  /** What to call the things found, for the status message ("pupils"). */
  noun: string;
}

const DEBOUNCE_MS = 150;

export function Combobox<T extends { id: string }>({
  id,
  label,
  hint,
  error,
  search,
  renderOption,
  exclude = [],
  onChoose,
  noun,
}: ComboboxProps<T>) {
  const [query, setQuery] = useState("");
  const [items, setItems] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState("");
  const listId = useId();
  const searchRef = useRef(search);
  searchRef.current = search;
  const excluded = exclude.join(",");

  useEffect(() => {
    const text = query.trim();
    if (!text) {
      setItems([]);
      setOpen(false);
      setStatus("");
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      searchRef.current(text, controller.signal).then(
        (found) => {
          const skip = new Set(excluded ? excluded.split(",") : []);
          const offered = found.filter((item) => !skip.has(item.id));
          setItems(offered);
          setActive(-1);
          setOpen(true);
          setStatus(
            offered.length === 0
              ? `No ${noun} found`
              : `${offered.length} ${noun} found. Use the up and down arrows to choose.`,
          );
        },
        (failure: unknown) => {
          if (controller.signal.aborted || isHandledByApp(failure)) return;
          setItems([]);
          setOpen(false);
          setStatus("The search did not work. Check your connection, then type again.");
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query, excluded, noun]);

  function choose(item: T) {
    onChoose(item);
    setQuery("");
    setItems([]);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && items.length > 0) setOpen(true);
      setActive((index) => (items.length === 0 ? -1 : (index + 1) % items.length));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => (items.length === 0 ? -1 : index <= 0 ? items.length - 1 : index - 1));
    } else if (event.key === "Enter") {
      const item = open ? items[active] : undefined;
      if (item) {
        event.preventDefault();
        choose(item);
      } else if (open) {
        event.preventDefault();
      }
    } else if (event.key === "Escape") {
      if (open) {
        // Closing the list is all Escape does here (not the hide-screen shortcut's count).
        event.stopPropagation();
        setOpen(false);
        setActive(-1);
      }
    }
  }

  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const expanded = open && items.length > 0;

  return (
    <div className={error ? "form-group form-group--error combobox" : "form-group combobox"}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={errorId}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      )}
      <div className="combobox__wrapper">
        <input
          id={id}
          type="text"
          role="combobox"
          className={error ? "input input--full input--error" : "input input--full"}
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
          onBlur={() => window.setTimeout(() => setOpen(false), 200)}
          onFocus={() => items.length > 0 && setOpen(true)}
        />
        <div
          id={listId}
          role="listbox"
          aria-label={label}
          className="combobox__list"
          hidden={!expanded}
        >
          {items.map((item, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the input handles the keys (combobox pattern).
            <div
              key={item.id}
              tabIndex={-1}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              className={
                index === active ? "combobox__option combobox__option--active" : "combobox__option"
              }
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(item)}
            >
              {renderOption(item)}
            </div>
          ))}
        </div>
      </div>
      <div className="visually-hidden" aria-live="polite">
        {status}
      </div>
    </div>
  );
}
