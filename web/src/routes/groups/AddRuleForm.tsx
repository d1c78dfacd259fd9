// Add a pre-set alert rule: who (a group, a role, the pupils' class teachers) and on which
// incidents. The server refuses a rule whose people could not read those incidents, and
// says why beside the field.
import { type FormEvent, useState } from "react";
import {
  type Condition,
  groupsApi,
  type ManagedGroup,
  type NewRule,
  type Role,
  RULE_ROLES,
} from "../../api/groups";
import { AREA_LABELS, AREAS, type Area } from "../../api/taxonomy";
import { Button } from "../../components/Button/Button";
import { Checkbox } from "../../components/Checkbox/Checkbox";
import { roleLabel } from "../../lib/roles";
import type { FieldErrors, Run } from "./run";

const CONDITIONS: { value: Condition; label: string }[] = [
  { value: "every_incident", label: "Every incident" },
  { value: "non_restricted", label: "Incidents in areas that are not restricted" },
  { value: "areas", label: "Incidents in the areas I choose" },
  { value: "notifiable", label: "Notifiable incidents" },
];

function ErrorMessage({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p className="error-message" id={id}>
      <span className="visually-hidden">Error:</span> {text}
    </p>
  );
}

export function AddRuleForm({
  groups,
  busy,
  run,
}: {
  groups: ManagedGroup[];
  busy: boolean;
  run: Run;
}) {
  const [who, setWho] = useState("");
  const [condition, setCondition] = useState<Condition | "">("");
  const [areas, setAreas] = useState<Area[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (!who) found.who = "Choose who is alerted.";
    if (!condition) found.condition = "Choose which incidents.";
    else if (condition === "areas" && areas.length === 0) found.areas = "Choose at least one area.";
    setErrors(found);
    if (Object.keys(found).length > 0 || !condition) return;
    const [kind, value] = who.split(":");
    const rule: NewRule =
      kind === "group"
        ? { audience: "group", groupId: value ?? "", condition, areas: [] }
        : kind === "role"
          ? { audience: "role", role: value as Role, condition, areas: [] }
          : { audience: "class_teachers", condition, areas: [] };
    if (condition === "areas") rule.areas = areas;
    const result = await run(() => groupsApi.addRule(rule), "Rule added.");
    if (result === true) {
      setWho("");
      setCondition("");
      setAreas([]);
      return;
    }
    setErrors({
      ...(result.groupId || result.role || result.audience
        ? { who: result.groupId ?? result.role ?? result.audience }
        : {}),
      ...(result.condition ? { condition: result.condition } : {}),
      ...(result.areas ? { areas: result.areas } : {}),
    });
  }

  return (
    <form noValidate className="taxonomy__add" onSubmit={submit}>
      <h3>Add a rule</h3>
      <div className={errors.who ? "form-group form-group--error" : "form-group"}>
        <label className="label" htmlFor="new-rule-who">
          Who is alerted
        </label>
        <ErrorMessage id="new-rule-who-error" text={errors.who} />
        <select
          id="new-rule-who"
          className={errors.who ? "select select--error" : "select"}
          aria-describedby={errors.who ? "new-rule-who-error" : undefined}
          aria-invalid={errors.who ? true : undefined}
          value={who}
          onChange={(event) => setWho(event.target.value)}
        >
          <option value="">Choose who</option>
          <optgroup label="Groups">
            {groups.map((g) => (
              <option key={g.id} value={`group:${g.id}`}>
                {g.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Roles">
            {RULE_ROLES.map((role) => (
              <option key={role} value={`role:${role}`}>
                {roleLabel(role)}
              </option>
            ))}
          </optgroup>
          <option value="class_teachers">The pupils' class teachers</option>
        </select>
      </div>
      <div className={errors.condition ? "form-group form-group--error" : "form-group"}>
        <fieldset
          className="fieldset"
          aria-describedby={errors.condition ? "new-rule-condition-error" : undefined}
        >
          <legend className="fieldset__legend">On which incidents</legend>
          <ErrorMessage id="new-rule-condition-error" text={errors.condition} />
          {CONDITIONS.map((c) => (
            <div className="radio" key={c.value}>
              <input
                className="radio__input"
                type="radio"
                id={`new-rule-condition-${c.value}`}
                name="new-rule-condition"
                checked={condition === c.value}
                onChange={() => setCondition(c.value)}
              />
              <label className="radio__label" htmlFor={`new-rule-condition-${c.value}`}>
                {c.label}
              </label>
            </div>
          ))}
        </fieldset>
      </div>
      {condition === "areas" && (
        <div className={errors.areas ? "form-group form-group--error" : "form-group"}>
          <fieldset
            className="fieldset"
            aria-describedby={errors.areas ? "new-rule-areas-error" : undefined}
          >
            <legend className="fieldset__legend">Areas</legend>
            <ErrorMessage id="new-rule-areas-error" text={errors.areas} />
            {AREAS.map((area) => (
              <Checkbox
                key={area}
                id={`new-rule-area-${area}`}
                label={AREA_LABELS[area]}
                checked={areas.includes(area)}
                onChange={(event) =>
                  setAreas(
                    event.target.checked ? [...areas, area] : areas.filter((a) => a !== area),
                  )
                }
              />
            ))}
          </fieldset>
        </div>
      )}
      <Button type="submit" disabled={busy}>
        Add rule
      </Button>
    </form>
  );
}
