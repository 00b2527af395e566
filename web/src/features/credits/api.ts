import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../api/client';
import type { CreditBalance, CreditCost, CreditMovement, CreditTransactionsPage, CreditUsage, LedgerKind } from '../../api/types';
import { useWorkspaceKey } from '../auth/session';

// Keys: ['workspace', <id>, 'credits', …]; every write refetches all of them (balance, usage,
// ledger and costs move together) and the notifications (a debit can send a low-balance notice).

const useCreditsKey = () => [...useWorkspaceKey(), 'credits'] as const;

export function useCreditBalance() {
  const key = useCreditsKey();
  return useQuery({
    queryKey: [...key, 'balance'],
    queryFn: ({ signal }) => api.get<CreditBalance>('/credits', undefined, signal),
  });
}

export function useCreditUsage(from: string | null, to: string | null) {
  const key = useCreditsKey();
  return useQuery({
    queryKey: [...key, 'usage', from, to],
    queryFn: ({ signal }) => api.get<CreditUsage>('/credits/usage', { from, to, groupBy: 'day' }, signal),
    enabled: Boolean(from && to),
    placeholderData: keepPreviousData,
  });
}

export const TRANSACTIONS_PAGE_SIZE = 50;

export function useCreditTransactions(kind: LedgerKind | null) {
  const key = useCreditsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'transactions', kind],
    queryFn: ({ pageParam, signal }) =>
      api.get<CreditTransactionsPage>('/credits/transactions', { limit: TRANSACTIONS_PAGE_SIZE, cursor: pageParam, kind }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreditCosts() {
  const key = useCreditsKey();
  return useQuery({
    queryKey: [...key, 'costs'],
    queryFn: ({ signal }) => api.get<{ items: CreditCost[] }>('/credits/costs', undefined, signal),
    select: (d) => d.items,
  });
}

function useCreditsMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const ws = useWorkspaceKey();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...ws, 'credits'] }),
        queryClient.invalidateQueries({ queryKey: [...ws, 'notifications'] }),
        queryClient.invalidateQueries({ queryKey: [...ws, 'audit'] }),
      ]),
  });
}

export type MovementKind = 'grant' | 'adjust';

export const useCreditMovement = () =>
  useCreditsMutation(({ kind, amount, reason }: { kind: MovementKind; amount: number; reason: string }) =>
    api.post<CreditMovement>(`/credits/${kind}`, { amount, reason }),
  );

export interface CreditSettingsInput {
  monthlyAllowance?: number;
  dailyCap?: number | null;
  lowBalanceThreshold?: number | null;
}

export const useUpdateCreditSettings = () => useCreditsMutation((input: CreditSettingsInput) => api.patch<CreditBalance>('/credits/settings', input));

/** `{ feature: credits }` overrides; null puts the default back. */
export const useSetCreditCosts = () =>
  useCreditsMutation((costs: Record<string, number | null>) => request<{ items: CreditCost[] }>('/credits/costs', { method: 'PUT', body: { costs } }));
