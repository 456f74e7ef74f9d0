// What a new post does next, said where the operator meets the gap: a team board with no
// team, an incident with no team ready to send. Each links to the screen that closes the gap,
// or, for an operator who may not change the organisation or the roster, says who can.
import { useLocale } from '../../i18n';
import { useMay } from '../../ui/role';

export function NextStep({ gap }: { gap: 'noTeams' | 'noReadyTeam' }) {
  const { t } = useLocale();
  const may = useMay();
  const links = [
    ...(gap === 'noTeams' && may('teams.save') ? [{ href: '#/organisation', text: t('guide.createTeams') }] : []),
    ...(may('roster.checkIn') ? [{ href: '#/roster', text: t('guide.checkIn') }] : []),
  ];
  return (
    <div className="next-step" role="note" aria-label={t('guide.nextStep')}>
      <p>{t(gap === 'noTeams' ? 'guide.noTeams' : 'guide.noReadyTeam')}</p>
      {links.length > 0
        ? <p className="next-step__links">{links.map((l) => <a key={l.href} href={l.href}>{l.text}</a>)}</p>
        : <p>{t('guide.askDutyOfficer')}</p>}
    </div>
  );
}
