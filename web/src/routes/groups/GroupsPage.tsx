// Groups and alert rules (issue #9): the DSL team keeps the groups staff can alert with one
// click, and the pre-set rules that alert people without being chosen. A change counts from
// the next incident: alerts already sent keep their recipients.
import { useCallback, useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { ApiError, isHandledByApp } from "../../api/client";
import { type AlertRule, groupsApi, type ManagedGroup } from "../../api/groups";
import { Button } from "../../components/Button/Button";
import { Loading } from "../../components/Loading/Loading";
import { PageHeading } from "../../components/PageHeading/PageHeading";
import { GENERAL_MESSAGES } from "../../lib/formErrors";
import { usePageTitle } from "../../lib/pageTitle";
import { useCurrentSession } from "../../session/SessionContext";
import { AddGroupForm } from "./AddGroupForm";
import { AddRuleForm } from "./AddRuleForm";
import { GroupEntry } from "./GroupEntry";
import { errorsOf, type Run } from "./run";
import "../taxonomy/taxonomy.css";
import "./groups.css";

export function GroupsPage() {
  usePageTitle("Groups and alert rules");
  const session = useCurrentSession();
  const location = useLocation();
  const [groups, setGroups] = useState<ManagedGroup[] | null>(null);
  const [rules, setRules] = useState<AlertRule[] | null>(null);
  const [failed, setFailed] = useState("");
  const [pageError, setPageError] = useState("");
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const [g, r] = await Promise.all([groupsApi.groups(signal), groupsApi.rules(signal)]);
      setGroups(g.items);
      setRules(r.items);
    } catch (error) {
      if (signal?.aborted || isHandledByApp(error)) return;
      setFailed(
        error instanceof ApiError && error.status === 403
          ? "Only the designated safeguarding leads can change alert groups and pre-set alerts."
          : GENERAL_MESSAGES.unreachable,
      );
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const run: Run = async (action, done) => {
    setBusy(true);
    setPageError("");
    setNotice("");
    try {
      await action();
      await load();
      setNotice(done);
      return true;
    } catch (error) {
      if (isHandledByApp(error)) return {};
      const { fields, page } = errorsOf(error);
      if (page) setPageError(page);
      return fields;
    } finally {
      setBusy(false);
    }
  };

  if (failed) {
    return (
      <div className="reading-width">
        <PageHeading>Groups and alert rules</PageHeading>
        <p className="notice notice--error" role="alert">
          {failed}
        </p>
      </div>
    );
  }
  if (!groups || !rules || !session) return <Loading />;
  const mayChange = session.secondFactor === "satisfied";

  return (
    <div className="reading-width taxonomy groups">
      <PageHeading>Groups and alert rules</PageHeading>
      <p>
        Changes count from the next incident recorded: people already alerted stay alerted, and
        nobody is alerted to earlier incidents.
      </p>
      {!mayChange && (
        <p className="notice">
          To change groups or alert rules, enter a code from your authenticator app first.{" "}
          <Link to="/sign-in/code" state={{ from: location }}>
            Enter a code now
          </Link>
        </p>
      )}
      {notice && <output className="notice notice--success">{notice}</output>}
      {pageError && (
        <p className="notice notice--error" role="alert">
          {pageError}
        </p>
      )}

      <h2>Pre-set alerts</h2>
      <p>
        When anyone records an incident, these people are alerted without being chosen. A rule only
        alerts people who could already read the incident.
      </p>
      <ul className="taxonomy__list" aria-label="Pre-set alert rules">
        {rules.map((rule) => (
          <li key={rule.id} className="taxonomy__entry">
            <p className="taxonomy__name">
              <span className={rule.active ? undefined : "taxonomy__hidden-name"}>
                {rule.description}
              </span>
              {!rule.active && <span className="taxonomy__tag">Switched off</span>}
            </p>
            <div className="taxonomy__buttons">
              <Button
                variant="secondary"
                disabled={!mayChange || busy}
                onClick={() =>
                  run(
                    () => groupsApi.changeRule(rule.id, { active: !rule.active }),
                    rule.active
                      ? `${rule.description}: switched off.`
                      : `${rule.description}: switched on.`,
                  )
                }
              >
                {rule.active ? "Switch off" : "Switch on"}
                <span className="visually-hidden"> {rule.description}</span>
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {mayChange && <AddRuleForm groups={groups.filter((g) => g.active)} busy={busy} run={run} />}

      <h2>Groups</h2>
      <p>
        Staff alert a whole group with one click on the Add incident form. Everyone who holds one of
        a group's roles is in it; you can add others by name.
      </p>
      <ol className="taxonomy__list">
        {groups.map((group) => (
          <li key={group.id}>
            <GroupEntry group={group} mayChange={mayChange} busy={busy} run={run} />
          </li>
        ))}
      </ol>
      {mayChange && <AddGroupForm busy={busy} run={run} />}
    </div>
  );
}
