import { Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { CreditBalance } from '../../api/types';
import { FormAlert } from '../../components/FormAlert';
import { applyServerError } from '../../lib/forms';
import { useUpdateCreditSettings, type CreditSettingsInput } from './api';

type Amount = number | string;
type Values = {
  monthlyAllowance: Amount;
  dailyCap: Amount;
  lowBalanceThreshold: Amount;
};

const credits = (milli: number | null): Amount => (milli === null ? '' : milli / 1000);
const toValues = (b: CreditBalance): Values => ({
  monthlyAllowance: credits(b.monthlyAllowanceMilli),
  dailyCap: credits(b.dailyCapMilli),
  lowBalanceThreshold: credits(b.lowBalanceThresholdMilli),
});
/** An empty field turns the cap or the threshold off. */
const orNull = (v: Amount) => (v === '' ? null : Number(v));
const nonNegative = (v: Amount) => (v === '' || Number(v) >= 0 ? null : 'Use 0 or more');

/** The workspace's allowance, daily cap and low-balance threshold (admins only). */
export function CreditSettingsForm({ balance }: { balance: CreditBalance }) {
  const update = useUpdateCreditSettings();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: toValues(balance),
    validate: {
      monthlyAllowance: (v) => (v === '' ? 'Enter the monthly allowance' : nonNegative(v)),
      dailyCap: nonNegative,
      lowBalanceThreshold: nonNegative,
    },
  });

  const submit = (v: Values) => {
    const input: CreditSettingsInput = {};
    if (form.isDirty('monthlyAllowance')) input.monthlyAllowance = Number(v.monthlyAllowance);
    if (form.isDirty('dailyCap')) input.dailyCap = orNull(v.dailyCap);
    if (form.isDirty('lowBalanceThreshold')) input.lowBalanceThreshold = orNull(v.lowBalanceThreshold);
    setError(null);
    update.mutate(input, {
      onSuccess: (b) => {
        form.setValues(toValues(b));
        form.resetDirty(toValues(b));
        notifications.show({ color: 'teal', message: 'Credit settings saved' });
      },
      onError: (e) => setError(applyServerError(form, e)),
    });
  };

  return (
    <Card withBorder radius="md" p="lg">
      <form noValidate onSubmit={form.onSubmit(submit)} data-testid="credit-settings-form">
        <Stack>
          <Stack gap={4}>
            <Title order={4}>Settings</Title>
            <Text size="sm" c="dimmed">
              Amounts in credits. Leave the cap or the threshold empty to turn it off.
            </Text>
          </Stack>
          <FormAlert message={error} title="Could not save the settings" />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput
              label="Monthly allowance"
              description="The balance after each monthly reset"
              min={0}
              decimalScale={3}
              thousandSeparator=","
              required
              {...form.getInputProps('monthlyAllowance')}
            />
            <NumberInput
              label="Daily cap"
              description="Most credits spent per UTC day"
              placeholder="No cap"
              min={0}
              decimalScale={3}
              thousandSeparator=","
              {...form.getInputProps('dailyCap')}
            />
            <NumberInput
              label="Low-balance threshold"
              description="Notify owners and admins below this"
              placeholder="Off"
              min={0}
              decimalScale={3}
              thousandSeparator=","
              {...form.getInputProps('lowBalanceThreshold')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!form.isDirty()} data-testid="credit-settings-save">
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
