// For people with rights in several schools (trust DSLs): the current school's name, which
// opens a small form to choose another. Closed by default so the header stays short.
import { type FormEvent, useId, useState } from "react";
import type { SchoolSummary } from "../../api/session";
import { Button } from "../Button/Button";
import "./SchoolSwitcher.css";

interface SchoolSwitcherProps {
  schools: SchoolSummary[];
  currentSchoolId: string | null;
  onSwitch: (schoolId: string) => Promise<void>;
}

export function SchoolSwitcher({ schools, currentSchoolId, onSwitch }: SchoolSwitcherProps) {
  const selectId = useId();
  const [chosen, setChosen] = useState(currentSchoolId ?? schools[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const current = schools.find((school) => school.id === currentSchoolId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || chosen === currentSchoolId) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSwitch(chosen);
    } catch {
      setError("The school could not be changed. Try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="school-switcher">
      <summary className="school-switcher__summary">
        <span className="school-switcher__current">{current?.name ?? "Choose a school"}</span>
        <span className="school-switcher__change">Change school</span>
      </summary>
      <form className="school-switcher__form" onSubmit={submit}>
        <label className="school-switcher__label" htmlFor={selectId}>
          School
        </label>
        <select
          id={selectId}
          className="school-switcher__select"
          value={chosen}
          onChange={(event) => setChosen(event.target.value)}
        >
          {schools.map((school) => (
            <option key={school.id} value={school.id}>
              {school.name}
            </option>
          ))}
        </select>
        <Button type="submit" variant="secondary" className="school-switcher__button">
          Show this school
        </Button>
        {error && (
          <p className="school-switcher__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </details>
  );
}
