import { Tabs } from '@mantine/core';
import { IconListCheck, IconMail } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { BulkSection } from './bulk/BulkSection';
import { VerifyBox } from './single/VerifyBox';

type Tab = 'single' | 'bulk';

/** One address at a time (explained in full), or many as a job (`?tab=bulk`). */
export function VerifyPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'bulk' || params.has('job') ? 'bulk' : 'single';
  const setTab = (t: Tab) => setParams(t === 'bulk' ? { tab: 'bulk' } : {});

  return (
    <>
      <PageHeader title="Verify" description="Check that email addresses exist before you send: syntax, domain, mail server, catch-all, disposable and role addresses." />
      <Tabs value={tab} onChange={(v) => setTab(v === 'bulk' ? 'bulk' : 'single')} keepMounted={false} data-testid="verify-page">
        <Tabs.List mb="lg">
          <Tabs.Tab value="single" leftSection={<IconMail size={16} />} data-testid="verify-tab-single">
            One address
          </Tabs.Tab>
          <Tabs.Tab value="bulk" leftSection={<IconListCheck size={16} />} data-testid="verify-tab-bulk">
            Bulk
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="single">
          <VerifyBox />
        </Tabs.Panel>
        <Tabs.Panel value="bulk">
          <BulkSection />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
