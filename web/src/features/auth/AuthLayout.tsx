import { Anchor, Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Brand } from '../../components/Brand';

interface Props {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** Centered card for the public pages (sign up, log in, password reset, invitations). */
export function AuthLayout({ title, subtitle, children, footer }: Props) {
  useDocumentTitle(`${title} · Leadforge`);
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)" py={48} px="md">
      <Center>
        <Stack w="100%" maw={440} gap="lg">
          <Center>
            <Anchor href="/" underline="never" c="inherit" aria-label="Leadforge home">
              <Brand size="lg" />
            </Anchor>
          </Center>
          <Paper withBorder shadow="sm" radius="md" p="xl" component="main">
            <Stack gap="md">
              <Stack gap={4}>
                <Title order={2} fz={22}>
                  {title}
                </Title>
                {subtitle ? (
                  <Text c="dimmed" size="sm">
                    {subtitle}
                  </Text>
                ) : null}
              </Stack>
              {children}
            </Stack>
          </Paper>
          {footer ? (
            <Text ta="center" size="sm" c="dimmed">
              {footer}
            </Text>
          ) : null}
        </Stack>
      </Center>
    </Box>
  );
}
