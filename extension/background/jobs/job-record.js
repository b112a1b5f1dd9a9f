// @ts-check
// The stored job: what the worker writes to the job store (background/jobs.js) and every view reads. Types
// only; the fields the store indexes are derived in shared/job-store.js.
/**
 * @typedef {{
 *   submitId: string, createdAt: number, updatedAt: number,
 *   phase: 'submitting' | 'queued' | 'generating' | 'done' | 'failed',
 *   needsLogin?: boolean,          // waiting for the user to log in; continues by itself afterwards
 *   site?: 'jimeng' | 'dreamina',  // where it was made (Jimeng when absent: jobs from before Dreamina): its polls, links and downloads go there
 *   cluster?: string,              // on Dreamina, the account's cluster when it was made (SG, US)
 *   input: Record<string, any>,    // what the user asked for (for retry / reuse prompt)
 *   job: import('../../../wasm/jimeng-core').Job,                   // the core's normalised job (prompt, model, size, count, seed…)
 *   request?: object,              // the built submit request, kept until the service has the task
 *   submitLost?: number,           // when a submit's answer was lost: poll before ever resending
 *   missingPolls?: number,         // polls since then in which the service did not know the id
 *   versionRetried?: boolean,
 *   nextAttemptAt?: number,
 *   attemptAt?: number,            // a submit was sent and its answer is not in: look the id up before resending
 *   sentAt?: number,               // when the service took it (its submit's time): a batch's ETA counts from it
 *   lastError?: object,            // the last "later" refusal, shown while the job waits to resend
 *   historyId?: string,
 *   announced?: boolean,           // its end was notified (each job once, whatever restarts happen)
 *   trackerDismissed?: boolean,    // dismissed from the in-page tracker (it stays in the popup)
 *   favourite?: boolean | number, batchId?: string,
 *   row?: number, sourceRow?: number,   // a batch row: its place in the batch, and its line or record in what was pasted
 *   open?: number, unannounced?: number,  // index fields (job-store.js), derived on every write
 *   [field: string]: unknown,
 *   total?: number, finished?: number, queue?: {position: number, length: number},
 *   images?: import('../../../wasm/jimeng-core').Image[], error?: import('../../../wasm/jimeng-core').CoreError, timeoutSeconds?: number, origin?: JobOrigin,
 * }} Job
 */
/** @typedef {{from?: string, tabId?: number, url?: string, parent?: object, uploaded?: number}} JobOrigin  where a job was started */

export {};
