import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage({ home = '/app' }: { home?: string }) {
  return (
    <Center py={80}>
      <Stack align="center" gap="sm">
        <Title order={2}>Page not found</Title>
        <Text c="dimmed">There is nothing at this address.</Text>
        <Button component={Link} to={home} variant="light">
          Go back
        </Button>
      </Stack>
    </Center>
  );
}
