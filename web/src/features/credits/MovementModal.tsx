import { Button, Group, Modal, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { CreditBalance } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/forms';
import { useCreditMovement, type MovementKind } from './api';
import { formatCredits } from './format';

interface Props {
  opened: boolean;
  kind: MovementKind;
  balance: CreditBalance | undefined;
  onClose: () => void;
}

const toMilli = (v: number | string) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 1000) : null);

/** Admins add credits (grant) or correct the balance up or down (adjust), with a reason for the ledger. */
export function MovementModal({ opened, kind, balance, onClose }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title="Grant or adjust credits" centered>
      {/* Mounted only while open: every opening starts from a blank form. */}
      <MovementForm initialKind={kind} balance={balance} onDone={onClose} />
    </Modal>
  );
}

function MovementForm({ initialKind, balance, onDone }: { initialKind: MovementKind; balance: CreditBalance | undefined; onDone: () => void }) {
  const movement = useCreditMovement();
  const [kind, setKind] = useState<MovementKind>(initialKind);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { amount: '' as number | string, reason: '' },
    validate: {
      amount: (v) => {
        const milli = toMilli(v);
        if (milli === null) return 'Enter an amount';
        if (kind === 'grant' && milli <= 0) return 'Grant a positive amount';
        if (milli === 0) return 'Enter an amount other than 0';
        return null;
      },
      reason: (v) => (v.trim() ? null : 'Say why, for the ledger and the audit log'),
    },
  });

  const milli = toMilli(form.values.amount);
  const after = balance && milli !== null ? balance.balanceMilli + milli : null;

  return (
    <form
      noValidate
      data-testid="credit-movement-form"
      onSubmit={form.onSubmit((v) => {
        setError(null);
        movement.mutate(
          { kind, amount: Number(v.amount), reason: v.reason.trim() },
          {
            onSuccess: (r) => {
              notifications.show({
                color: 'teal',
                title: kind === 'grant' ? 'Credits granted' : 'Balance adjusted',
                message: `The balance is now ${formatCredits(r.balance.balanceMilli)} credits.`,
              });
              onDone();
            },
            onError: (e) => setError(applyServerError(form, e)),
          },
        );
      })}
    >
      <Stack>
        <SegmentedControl
          fullWidth
          aria-label="Kind of change"
          value={kind}
          onChange={(v) => setKind(v as MovementKind)}
          data={[
            { value: 'grant', label: 'Grant' },
            { value: 'adjust', label: 'Adjust' },
          ]}
        />
        <Text size="sm" c="dimmed">
          {kind === 'grant'
            ? 'Adds credits to the balance.'
            : 'Corrects the balance up (positive) or down (negative); it cannot go below zero nor below what running jobs hold.'}
        </Text>
        <FormAlert message={error} />
        <NumberInput
          label="Amount (credits)"
          placeholder={kind === 'grant' ? '500' : '-25.5'}
          decimalScale={3}
          allowNegative={kind === 'adjust'}
          thousandSeparator=","
          required
          data-autofocus
          {...form.getInputProps('amount')}
        />
        <TextInput label="Reason" placeholder={kind === 'grant' ? 'Top-up for the Q3 campaign' : 'Correction of a duplicate grant'} required {...form.getInputProps('reason')} />
        {balance ? (
          <Text size="sm" data-testid="movement-preview">
            Balance {formatCredits(balance.balanceMilli)} → <b>{after === null ? '…' : formatCredits(after)}</b> credits
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={movement.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={movement.isPending} data-testid="credit-movement-submit">
            {kind === 'grant' ? 'Grant credits' : 'Adjust balance'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
