// One name in a small form: renaming a category or agency in place, or adding a
// subcategory under a category. The error shows beside the field and what was typed stays.
import { type FormEvent, useEffect, useState } from "react";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { TextInput } from "../../components/TextInput/TextInput";

export interface NameFormProps {
  id: string;
  label: string;
  initial?: string;
  saveLabel: string;
  error?: string;
  busy: boolean;
  /** Offer a "DSL only" box (adding a subcategory), ticked to begin with when `dslOnly`. */
  dslOnly?: boolean;
  onSave: (name: string, dslOnly: boolean) => void;
  onCancel: () => void;
}

export function NameForm({
  id,
  label,
  initial = "",
  saveLabel,
  error,
  busy,
  dslOnly,
  onSave,
  onCancel,
}: NameFormProps) {
  const [name, setName] = useState(initial);
  const [onlyDsl, setOnlyDsl] = useState(dslOnly ?? false);
  const [empty, setEmpty] = useState(false);

  // The form opens where the button was: put the cursor in its field.
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, [id]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setEmpty(!name.trim());
    if (!name.trim()) {
      document.getElementById(id)?.focus();
      return;
    }
    onSave(name, onlyDsl);
  }

  return (
    <form noValidate className="taxonomy__form" onSubmit={submit}>
      <TextInput
        id={id}
        label={label}
        value={name}
        maxLength={80}
        error={empty ? "Enter a name." : error}
        onChange={(event) => setName(event.target.value)}
      />
      {dslOnly !== undefined && (
        <Checkbox
          id={`${id}-dsl-only`}
          label="Only the DSL team can choose it"
          checked={onlyDsl}
          onChange={(event) => setOnlyDsl(event.target.checked)}
        />
      )}
      <div className="taxonomy__buttons">
        <Button type="submit" disabled={busy}>
          {saveLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
