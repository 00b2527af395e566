import { Stack } from '@mantine/core';
import { useFindEmail } from '../api';
import { FindErrorAlert } from './FindErrorAlert';
import { FindForm } from './FindForm';
import { FindResultCard } from './FindResultCard';

/** One person: the form, then the answer explained. */
export function FindBox() {
  const find = useFindEmail();
  return (
    <Stack gap="lg" maw={760}>
      <FindForm pending={find.isPending} onSubmit={(input) => find.mutate(input)} />
      {find.error ? <FindErrorAlert error={find.error} /> : null}
      {find.data ? <FindResultCard result={find.data} /> : null}
    </Stack>
  );
}
