// Loads one pupil's profile and sorts a refusal into what the page says about it.
import { useEffect, useState } from "react";
import { ApiError, isHandledByApp } from "../../api/client";
import { incidentsApi, type PupilProfile } from "../../api/incidents";
import { useSession } from "../../session/SessionContext";

export type Refusal = "second-factor" | "forbidden" | "not-found" | "failed";

export type PupilState =
  | { status: "loading" }
  | { status: "loaded"; pupil: PupilProfile }
  | { status: Refusal };

/** Which refusal an error means (undefined: the app deals with it, such as a 401). */
export function refusalOf(error: unknown): Refusal | undefined {
  if (isHandledByApp(error)) return undefined;
  if (error instanceof ApiError) {
    if (error.kind === "second-factor-required") return "second-factor";
    if (error.status === 404) return "not-found";
    if (error.status === 403) return "forbidden";
  }
  return "failed";
}

export function usePupil(id: string | undefined): PupilState {
  const { unlockCount } = useSession();
  const [state, setState] = useState<PupilState>({ status: "loading" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: unlockCount loads again on purpose.
  useEffect(() => {
    if (!id) return;
    setState({ status: "loading" });
    const controller = new AbortController();
    incidentsApi.pupil(id, controller.signal).then(
      (pupil) => setState({ status: "loaded", pupil }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const refusal = refusalOf(error);
        if (refusal) setState({ status: refusal });
      },
    );
    return () => controller.abort();
  }, [id, unlockCount]);
  return state;
}
