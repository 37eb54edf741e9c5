/**
 * Rules across records: numbers are unique and run 1..N, and every supersede link is stated on
 * both ends (`superseded-by` on the old record, `supersedes` on the new one) and ends at a
 * record that is still in force.
 */
import {adrLabel, formatAdrNumber, type AdrIssue, type AdrRecord} from './model';

export function validateRecords(records: AdrRecord[]): AdrIssue[] {
  return [...numberingIssues(records), ...supersedeIssues(records)];
}

function numberingIssues(records: AdrRecord[]): AdrIssue[] {
  const issues: AdrIssue[] = [];
  const byNumber = groupByNumber(records);
  for (const [number, group] of byNumber) {
    if (group.length > 1) {
      for (const record of group)
        issues.push({
          file: record.file,
          message: `duplicate number ${formatAdrNumber(number)} (also used by ${group
            .filter((other) => other !== record)
            .map((other) => other.file)
            .join(', ')})`,
        });
    }
  }
  const highest = Math.max(0, ...byNumber.keys());
  for (let number = 1; number <= highest; number++) {
    if (!byNumber.has(number)) {
      const next = records.find((record) => record.number > number);
      issues.push({
        file: next?.file ?? formatAdrNumber(number),
        message: `numbers must run 1..${highest} without gaps, but ${formatAdrNumber(number)} is missing`,
      });
    }
  }
  return issues;
}

function supersedeIssues(records: AdrRecord[]): AdrIssue[] {
  const issues: AdrIssue[] = [];
  const byNumber = groupByNumber(records);
  const find = (number: number) => byNumber.get(number)?.[0];

  for (const record of records) {
    const problem = (message: string) => issues.push({file: record.file, message});
    if (record.status === 'superseded' && record.supersededBy === undefined)
      problem('status is superseded but superseded-by does not name the record that replaces it');
    if (record.supersededBy !== undefined) {
      const successor = find(record.supersededBy);
      if (record.status !== 'superseded')
        problem(
          `superseded-by is set (${adrLabel(record.supersededBy)}) but status is "${record.status}", not "superseded"`,
        );
      if (record.supersededBy === record.number) problem('a record cannot supersede itself');
      else if (!successor) problem(`superseded-by points to ${adrLabel(record.supersededBy)}, which does not exist`);
      else if (!successor.supersedes.includes(record.number))
        problem(
          `superseded-by ${adrLabel(successor.number)}, but ${successor.file} does not list ${record.number} in "supersedes"`,
        );
      else if (successor.status === 'rejected')
        problem(`superseded by ${adrLabel(successor.number)}, which was rejected`);
    }
    for (const old of record.supersedes) {
      const predecessor = find(old);
      if (old === record.number) problem('a record cannot supersede itself');
      else if (!predecessor) problem(`supersedes ${adrLabel(old)}, which does not exist`);
      else if (predecessor.supersededBy !== record.number)
        problem(`supersedes ${adrLabel(old)}, but ${predecessor.file} does not say "superseded-by: ${record.number}"`);
    }
  }
  for (const record of records) {
    if (record.supersededBy !== undefined && currentRecord(records, record.number) === undefined) {
      issues.push({
        file: record.file,
        message: 'the superseded-by chain loops or breaks and never reaches a record in force',
      });
    }
  }
  return issues;
}

/** Follows superseded-by links from `number` to the record now in force; undefined if the chain breaks or loops. */
export function currentRecord(records: AdrRecord[], number: number): AdrRecord | undefined {
  const seen = new Set<number>();
  let record = records.find((candidate) => candidate.number === number);
  while (record && record.supersededBy !== undefined) {
    if (seen.has(record.number)) return undefined;
    seen.add(record.number);
    const next = record.supersededBy;
    record = records.find((candidate) => candidate.number === next);
  }
  return record;
}

function groupByNumber(records: AdrRecord[]): Map<number, AdrRecord[]> {
  const groups = new Map<number, AdrRecord[]>();
  for (const record of records) groups.set(record.number, [...(groups.get(record.number) ?? []), record]);
  return groups;
}
