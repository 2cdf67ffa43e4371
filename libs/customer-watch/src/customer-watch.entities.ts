import { AbnormalCase, AbnormalCaseEvent, PotentialKeyAccount, PotentialKeyAccountNote } from './entities';

export const CustomerWatchEntities = [AbnormalCase, AbnormalCaseEvent, PotentialKeyAccount, PotentialKeyAccountNote];
