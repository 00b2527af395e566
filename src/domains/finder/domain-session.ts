import type { Ctx } from '../../core/context.js';
import {
  buildResult,
  randomProbeLocal,
  readCachedResults,
  verdictOf,
  type DomainFacts,
  type SmtpAnswer,
  type VerifierNet,
  type VerifyResult,
} from '../verify/index.js';
import { guessConfidence, validConfidence } from './confidence.js';
import type { LearnedPattern } from './domain-patterns.js';
import type { NameKeys, PersonName } from './name-keys.js';
import { patternsOf, rankCandidates, type Candidate, type PatternId } from './patterns.js';
import type { DomainSource } from './resolve-domain.js';
import type { FindResult } from './types.js';

export interface SessionOptions {
  skipSmtp: boolean;
  /** Candidates tried per person at most (the best ones by pattern). */
  maxCandidates: number;
  /** Connections to open at once to the domain's mail host (the verifier's per-host cap). */
  connections: number;
}

export interface SessionPerson {
  keys: NameKeys;
  name: PersonName;
}

type Verdict = ReturnType<typeof verdictOf>;
/** Candidates tried at a domain whose pattern is established (the pattern's address and a few others). */
const ESTABLISHED_ALTERNATIVES = 4;
/** Answers that say nothing about the mailbox: asking further candidates would not help. */
const UNVERIFIABLE = new Set<Verdict>(['blocked', 'tempfail', 'too_many_recipients', 'unreachable']);

interface Walk {
  accepted: Candidate | null;
  unverifiable: boolean;
  checked: string[];
  probes: number;
}

/**
 * Finding people at one mail domain so that what the first ones teach makes the rest cheap.
 * Until a pattern is known, people are walked one at a time: their candidates in order over one
 * connection, stopping at the first accepted one (the first walk at a new domain starts with a
 * random address, which says whether the domain is catch-all in the same conversation). Once
 * the pattern is known, everyone left is asked for their pattern address together, over up to
 * `connections` connections; only those the server rejects walk their other candidates.
 */
export class DomainSession {
  private catchAll: boolean | null;
  private readonly learned: LearnedPattern[];
  /** Written by the caller when the session ends (see learnt()). */
  private readonly toCache: VerifyResult[] = [];
  private readonly newHits = new Map<PatternId, number>();
  private catchAllLearnt = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly net: VerifierNet,
    readonly domain: string,
    readonly domainSource: DomainSource,
    readonly facts: Extract<DomainFacts, { kind: 'mail' }>,
    catchAll: boolean | null,
    learned: LearnedPattern[],
    private readonly options: SessionOptions,
  ) {
    this.catchAll = catchAll;
    this.learned = learned.map((p) => ({ ...p }));
  }

  async findAll(people: SessionPerson[]): Promise<FindResult[]> {
    return this.findEach(people);
  }

  /**
   * What the session learnt, for the caller to write in one go with the other domains': the
   * answers to cache, the pattern hits, and the catch-all answer when it is new.
   */
  learnt(): { results: VerifyResult[]; hits: Map<PatternId, number>; catchAll: boolean | null } {
    return { results: this.toCache, hits: this.newHits, catchAll: this.catchAllLearnt ? this.catchAll : null };
  }

  private async findEach(people: SessionPerson[]): Promise<FindResult[]> {
    const results: FindResult[] = new Array(people.length);
    let next = 0;
    while (next < people.length && this.learned.length === 0 && this.catchAll !== true && !this.options.skipSmtp) {
      results[next] = await this.findOne(people[next]!, []);
      next++;
    }
    const rest = people.slice(next).map((person, i) => ({ person, index: next + i, candidates: this.candidatesOf(person.keys) }));
    if (rest.length === 0) return results;
    if (this.options.skipSmtp || this.catchAll === true) {
      for (const r of rest) results[r.index] = this.guess(r.candidates[0]!, this.options.skipSmtp ? 'smtp_skipped' : 'catch_all', [], 0);
      return results;
    }

    // Everyone left, asked for their best candidate together.
    const firsts = rest.map((r) => r.candidates[0]!);
    const batch = await this.probeTogether(firsts);
    const fallback: typeof rest = [];
    for (const [i, r] of rest.entries()) {
      const outcome = batch[i]!;
      if (outcome.verdict === 'accepted') {
        results[r.index] = this.accepted(r.candidates[0]!, r.person.keys, outcome.probes ? [this.address(r.candidates[0]!)] : [], outcome.probes);
      } else {
        fallback.push(r);
      }
    }
    // Those rejected (or not answered) walk their other candidates; walks share the connections.
    const queue = [...fallback];
    const walker = async () => {
      for (let r = queue.shift(); r; r = queue.shift()) {
        const first = batch[rest.indexOf(r)]!;
        const skip = first.verdict === 'rejected' || first.verdict === 'disabled' ? [r.candidates[0]!] : [];
        const result = await this.findOne(r.person, skip);
        if (first.probes) {
          result.candidatesChecked.unshift(this.address(r.candidates[0]!));
          result.smtpProbes += first.probes;
        }
        results[r.index] = result;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.connections, queue.length) }, walker));
    return results;
  }

  /** One person, candidates in order (those in `tried` already rejected), stopping at the first accepted. */
  private async findOne(person: SessionPerson, tried: Candidate[]): Promise<FindResult> {
    const candidates = this.candidatesOf(person.keys);
    if (this.options.skipSmtp) return this.guess(candidates[0]!, 'smtp_skipped', [], 0);
    if (this.catchAll === true) return this.guess(candidates[0]!, 'catch_all', [], 0);
    const cached = await readCachedResults(this.ctx, candidates.map((c) => this.address(c)));
    const known = candidates.find((c) => cached.get(this.address(c))?.reason === 'accepted');
    if (known) return this.found(known, person.keys, cached.get(this.address(known))!, [], 0);

    const toProbe = candidates.filter((c) => !tried.includes(c) && cached.get(this.address(c))?.status !== 'invalid');
    const walk = await this.walk(toProbe);
    // The walk may have just learnt that the domain is catch-all.
    if (this.isCatchAll()) return this.guess(candidates[0]!, 'catch_all', walk.checked, walk.probes);
    if (walk.accepted) return this.accepted(walk.accepted, person.keys, walk.checked, walk.probes);
    return walk.unverifiable ? this.guess(candidates[0]!, 'unverifiable', walk.checked, walk.probes) : this.notFound(walk.checked, walk.probes);
  }

  /**
   * Probes candidates in rank order until one is accepted, over the host's cap of connections at
   * once (each takes the next candidate; all stop at the first accepted, the best-ranked accepted
   * wins); greylisted ones are asked again once after the greylist delay. Whether the domain is
   * catch-all is settled by the first rejection, or else by a random address (checkCatchAll).
   */
  private async walk(candidates: Candidate[]): Promise<Walk> {
    const w: Walk = { accepted: null, unverifiable: false, checked: [], probes: 0 };
    const rejected: string[] = [];
    let pending = candidates;
    for (let round = 0; round < 2 && pending.length > 0 && !w.accepted && this.catchAll !== true; round++) {
      if (round === 1) await (this.net.sleep ?? sleep)(this.net.greylistRetryMs);
      const recipients = pending.map((c) => this.address(c));
      const answers = await this.net.smtp.probe({ domain: this.domain, hosts: this.facts.hosts, recipients, stopWhen: (a) => verdictOf(a) === 'accepted', keepAlive: true, spread: true });
      const greylisted: Candidate[] = [];
      for (const [i, answer] of answers.entries()) {
        const verdict = verdictOf(answer);
        if (answer.kind === 'reply' && answer.stage === 'rcpt') w.probes++;
        const c = pending[i]!;
        if (answer.kind === 'reply' && answer.stage === 'rcpt') w.checked.push(this.address(c));
        // Asked over parallel connections, a later candidate may answer too: the best-ranked wins.
        if (verdict === 'accepted') w.accepted ??= c;
        else if (verdict === 'rejected' || verdict === 'disabled') rejected.push(this.address(c));
        else if (verdict === 'greylisted') greylisted.push(c);
        else if (UNVERIFIABLE.has(verdict)) w.unverifiable = true;
      }
      pending = w.accepted || w.unverifiable ? [] : greylisted;
      if (round === 1 && greylisted.length > 0) w.unverifiable = true;
    }
    await this.learnRejected(rejected);
    if (w.accepted && this.catchAll === null) await this.checkCatchAll(w);
    if (w.accepted) w.unverifiable = false;
    return w;
  }

  /**
   * A candidate was accepted and none was rejected: a random address tells a real mailbox from a
   * domain that accepts everything. Asked only then — any hard rejection already proves the
   * domain is not catch-all, which spares most domains this probe.
   */
  private async checkCatchAll(w: Walk) {
    const [answer] = await this.net.smtp.probe({ domain: this.domain, hosts: this.facts.hosts, recipients: [`${randomProbeLocal()}@${this.domain}`], keepAlive: true });
    if (!answer) return;
    if (answer.kind === 'reply' && answer.stage === 'rcpt') w.probes++;
    const verdict = verdictOf(answer);
    if (verdict === 'accepted') this.setCatchAll(true);
    else if (verdict === 'rejected' || verdict === 'disabled') this.setCatchAll(false);
  }

  /** Each candidate asked once, all together over up to `connections` connections. */
  private async probeTogether(candidates: Candidate[]): Promise<Array<{ verdict: Verdict | 'not_asked'; probes: number }>> {
    const out: Array<{ verdict: Verdict | 'not_asked'; probes: number }> = candidates.map(() => ({ verdict: 'not_asked', probes: 0 }));
    const cached = await readCachedResults(this.ctx, candidates.map((c) => this.address(c)));
    const ask: number[] = [];
    candidates.forEach((c, i) => {
      const hit = cached.get(this.address(c));
      if (hit?.reason === 'accepted') out[i] = { verdict: 'accepted', probes: 0 };
      else if (hit?.status === 'invalid') out[i] = { verdict: 'rejected', probes: 0 };
      else ask.push(i);
    });
    const rejected: string[] = [];
    if (ask.length > 0) {
      // Spread over the host's cap of connections (the first person's, kept open, goes on at once
      // while another opens), each taking the next address: latency, not connections, is the cost.
      const recipients = ask.map((i) => this.address(candidates[i]!));
      const answers = await this.net.smtp.probe({ domain: this.domain, hosts: this.facts.hosts, recipients, keepAlive: true, spread: true });
      answers.forEach((answer: SmtpAnswer, k) => {
        const verdict = verdictOf(answer);
        out[ask[k]!] = { verdict, probes: answer.kind === 'reply' && answer.stage === 'rcpt' ? 1 : 0 };
        if (verdict === 'rejected' || verdict === 'disabled') rejected.push(recipients[k]!);
      });
    }
    await this.learnRejected(rejected);
    return out;
  }

  /** A hard "no such mailbox" proves the domain is not catch-all; the rejections are cached too. */
  private async learnRejected(rejected: string[]) {
    if (rejected.length === 0) return;
    this.toCache.push(...rejected.map((email) => buildResult({ input: email, facts: this.facts, smtp: 'rejected', catchAll: false })));
    this.setCatchAll(false);
  }

  private isCatchAll() {
    return this.catchAll === true;
  }

  private setCatchAll(value: boolean) {
    if (this.catchAll === value) return;
    this.catchAll = value;
    this.catchAllLearnt = true;
  }

  private accepted(c: Candidate, keys: NameKeys, checked: string[], probes: number): FindResult {
    const result = buildResult({ input: this.address(c), facts: this.facts, smtp: 'accepted', catchAll: false });
    this.toCache.push(result);
    return this.found(c, keys, result, checked, probes);
  }

  private found(c: Candidate, keys: NameKeys, verification: VerifyResult, checked: string[], probes: number): FindResult {
    const hits = this.hitsOf(c);
    for (const pattern of patternsOf(c.local, keys)) this.newHits.set(pattern, (this.newHits.get(pattern) ?? 0) + 1);
    const entry = this.learned.find((p) => p.pattern === c.pattern);
    if (entry) entry.hits++;
    else this.learned.push({ pattern: c.pattern, hits: 1 });
    this.learned.sort((a, b) => b.hits - a.hits);
    return this.result({ email: this.address(c), status: 'valid', reason: 'accepted', confidence: validConfidence(hits), pattern: c.pattern, candidatesChecked: checked, smtpProbes: probes, verification });
  }

  private guess(c: Candidate, reason: 'catch_all' | 'unverifiable' | 'smtp_skipped', checked: string[], probes: number): FindResult {
    const smtp = reason === 'catch_all' ? 'accepted' : reason === 'smtp_skipped' ? 'skipped' : 'tempfail';
    const verification = buildResult({ input: this.address(c), facts: this.facts, smtp, catchAll: reason === 'catch_all' ? true : this.catchAll });
    const confidence = guessConfidence(c.pattern, this.hitsOf(c), reason === 'unverifiable');
    return this.result({ email: this.address(c), status: 'risky', reason, confidence, pattern: c.pattern, candidatesChecked: checked, smtpProbes: probes, verification });
  }

  private notFound(checked: string[], probes: number): FindResult {
    return this.result({ email: null, status: 'not_found', reason: 'all_rejected', confidence: 0, pattern: null, candidatesChecked: checked, smtpProbes: probes, verification: null });
  }

  private result(r: Omit<FindResult, 'domain' | 'domainSource'>): FindResult {
    return { ...r, domain: this.domain, domainSource: this.domainSource };
  }

  /**
   * A person's candidates, learnt patterns first. Once a domain's pattern is established (two
   * addresses or more), someone it does not fit is given a few alternatives only: they most
   * likely have no mailbox there, and every extra RCPT costs time and reputation.
   */
  private candidatesOf(keys: NameKeys) {
    const established = (this.learned[0]?.hits ?? 0) >= 2;
    const limit = established ? Math.min(ESTABLISHED_ALTERNATIVES, this.options.maxCandidates) : this.options.maxCandidates;
    return rankCandidates(
      keys,
      this.learned.map((p) => p.pattern),
    ).slice(0, limit);
  }

  private hitsOf(c: Candidate) {
    return this.learned.find((p) => p.pattern === c.pattern)?.hits ?? 0;
  }

  private address(c: Candidate) {
    return `${c.local}@${this.domain}`;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
