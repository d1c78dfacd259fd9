// Two imports (or an import and a hand-added pupil) at the same moment can both try to
// add a UPN; the unique index lets one win and the other is told to check again.
import { databaseError } from "../db/database-error.ts";
import { problems } from "../http/problem.ts";

export async function refuseSameUpnRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (databaseError(error).code === "23505") {
      throw problems.conflict(
        "Someone else added some of these pupils at the same moment. Check the import again.",
      );
    }
    throw error;
  }
}
