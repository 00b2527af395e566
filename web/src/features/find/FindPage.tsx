import { Tabs } from '@mantine/core';
import { IconListSearch, IconUserSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { BulkFindSection } from './bulk/BulkFindSection';
import { FindBox } from './single/FindBox';

type Tab = 'single' | 'bulk';

/** One person at a time (with the why), or many as a job (`?tab=bulk`). */
export function FindPage() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'bulk' || params.has('job') ? 'bulk' : 'single';
  return (
    <>
      <PageHeader title="Find" description="Find work email addresses from a name and a company: the likely patterns are checked with the company's mail server, and only addresses found cost credits." />
      <Tabs value={tab} onChange={(v) => setParams(v === 'bulk' ? { tab: 'bulk' } : {})} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="single" leftSection={<IconUserSearch size={16} />} data-testid="find-tab-single">
            One person
          </Tabs.Tab>
          <Tabs.Tab value="bulk" leftSection={<IconListSearch size={16} />} data-testid="find-tab-bulk">
            Bulk
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="single">
          <FindBox />
        </Tabs.Panel>
        <Tabs.Panel value="bulk">
          <BulkFindSection />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
